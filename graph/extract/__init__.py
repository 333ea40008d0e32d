"""`ivp extract`: from a plan's PDF, HTML or text to a draft plan file a curator corrects.

Module map, in the order a document goes through them:

- ``read``: bytes to text (plain text, PDF text layer, HTML, CVDR XML), or a clear error;
  ``ocr``: a scanned PDF's page pictures read by Tesseract, when asked (`--ocr`);
- ``normalise``: page headers, footers, page numbers and footnote markers out; the text that
  is written to data/sources/ and that every quote is checked against;
- ``sections``: the section tree ("3.2", "§ 3.2", "Hoofdstuk 3", "a.", markdown headings) and
  the sentences of each section;
- ``lexicon``: what the extractors look for, read from the data (registry names and aliases,
  VNG labels, instrument and law names, the curated plans), with one plan left out on request;
- ``decision``, ``themes``, ``elements``, ``partners``, ``crosslinks``, ``legal``, ``tables``,
  ``vng``: one extractor per kind of item, each returning items with quote and section;
- ``pipeline``: runs them in order and assembles the draft;
- ``draft``: writes the draft in the format of data/plans/*.yaml, marked as a draft;
- ``evaluate``: drafts every curated plan leave-one-plan-out and scores it against the curator.
"""
