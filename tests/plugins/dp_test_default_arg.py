"""A test plugin whose hookimpl gives an argument a default: pluggy would silently not pass it."""

import docpipe


@docpipe.hookimpl
def docpipe_register_stages(register=None):
    raise AssertionError("must never be called")
