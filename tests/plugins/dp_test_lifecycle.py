"""A test plugin recording lifecycle hook calls into a JSON-lines file named by DP_TEST_EVENTS."""

import json
import os

import docpipe


def _log(event, **data):
    path = os.environ.get("DP_TEST_EVENTS")
    if path:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"event": event, **data}) + "\n")


@docpipe.hookimpl
def docpipe_run_start(run):
    _log("run_start", stages=list(run.stages))


@docpipe.hookimpl
def docpipe_stage_complete(stage, stats):
    _log("stage_complete", stage=stage, documents=stats.documents)


@docpipe.hookimpl
def docpipe_document_failed(document, error):
    _log("document_failed", source=document.source.uri, stage=error.stage)


@docpipe.hookimpl
def docpipe_run_finish(run, summary):
    _log("run_finish", documents=summary.documents, failed=summary.failed, status=summary.status)


@docpipe.hookimpl
def docpipe_detect_format(uri, head):
    return "text" if head.startswith(b"DPTEXT") else None
