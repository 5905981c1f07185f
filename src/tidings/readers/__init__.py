"""The reader community: accounts, sessions, OIDC login, comments, follows, alerts, digests, mail.

Modules that act (they take an engine or connection and store what they decide): `accounts`,
`oidc`, `comments`, `follows`, `alerts`, `digests`, `mailing`. Pure rules they call, with no
storage: `passwords`, `tokens`, `validation`, `login_limits`, `reset_mail`, `oidc_protocol`,
`markdown`, `comment_rules`, `follow_rules`, `follow_ranking`, `delivery_messages`,
`webhook_signing`. Nothing here imports web, api, cli or worker (tests/test_architecture.py).
"""
