"""Machine-translation engines, drafts, translation memory and jobs."""
