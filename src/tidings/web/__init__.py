"""The server-rendered reader: routes, templates and static files."""
