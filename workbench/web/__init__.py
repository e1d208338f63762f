"""The browser workspace: projects, documents, and the reader where spans are tagged."""
