"""Templates used by ``docpipe new-plugin`` (Python strings, so they ship inside the wheel)."""
