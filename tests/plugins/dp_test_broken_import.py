"""A test plugin that fails to import, as a plugin with a missing dependency would."""

raise ImportError("dp_test_broken_import needs a package that is not installed")
