"""Machine-translation engines: one base class, pluggable implementations, a lazy registry."""
