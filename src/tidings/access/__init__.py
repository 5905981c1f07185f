"""Who may call what: the rule each route of the web UI and the JSON API declares, and the
callers (API token or session cookie, with CSRF) those rules are checked against."""
