"""Label types, span annotations, links, comments, review, audit and agreement."""
