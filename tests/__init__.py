"""referent's test suite."""
