"""XML exporters: the docpipe XML format (``xml``, validated by ``docs/schema/docpipe.xsd``) and TEI P5 (``tei``).

Both stream through ``lxml.etree.xmlfile`` and are written atomically.
"""

from __future__ import annotations

import docpipe
from docpipe.components import ExporterSpec

from .docpipe_format import NAMESPACE, DocpipeXmlExporter, document_element, record_from_element
from .tei import TEI_NS, TeiExporter


@docpipe.hookimpl
def docpipe_register_exporters(register):
    register(ExporterSpec("xml", DocpipeXmlExporter, suffixes=(".xml",),
                          description="docpipe XML: stand-off mirror of the JSON record (XSD in docs/schema)"))
    register(ExporterSpec("tei", TeiExporter, suffixes=(".tei.xml", ".tei"),
                          description="TEI P5: <said who> for quotes, <listPerson> for speakers"))


__all__ = ["NAMESPACE", "TEI_NS", "DocpipeXmlExporter", "TeiExporter", "document_element", "record_from_element"]
