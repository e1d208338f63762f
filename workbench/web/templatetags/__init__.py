"""Template filters of the browser pages."""
