"""The SPARQL endpoint: SPARQL 1.1 Protocol, linked-data pages and a query page over the store.

Modules, one job each: `protocol` (reading a request; the query text itself is read by
`graph.sparql_lexer`), `negotiation` (choosing a format), `limits` (what a request may cost),
`evaluate` (running one job on a store), `answers` (writing an answer in its format, or
refusing), `worker` (the walled-off worker process), `pool` (handing jobs to workers: time
limits, lanes, following the build), `describe` (Service Description, VoID, ontology),
`downloads` (what /download/ offers), `pages` (the pages' frame, links and labels), `doc_page`
(a resource's /doc/ page; `doc_sections` what a theme's and a plan's show first),
`ontology_page` (/def/ivp), `query_page` (the SPARQL editor), `responses` (a page or a
message), `linked_data` (resource pages, ontology, VoID, downloads), `app` (the protocol's
routes, CORS and the error boundary), `listener` (HTTP, bounded against slow clients) and
`server` (starting it all).
"""

from typing import Any

from graph.endpoint.limits import EndpointError, Limits

__all__ = ["EndpointError", "Limits", "configure_logging", "serve"]


def __getattr__(name: str) -> Any:
    """The server is imported on first use, so that worker processes stay light."""
    if name in ("serve", "configure_logging"):
        from graph.endpoint import server

        return getattr(server, name)
    raise AttributeError(name)
