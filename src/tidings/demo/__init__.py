"""The offline demo news site: real Wikinews articles served as "The Demo Herald".

`load_corpus()` reads the shipped corpus (dates shifted so the newest story is today) and
`DemoSite(articles)` serves it over HTTP on loopback: RSS feeds per section, article pages with
realistic furniture, robots.txt and a sitemap. No dependency on storage, web or CLI.
"""

from tidings.demo.corpus import SECTIONS, DemoArticle, load_corpus, shift_days
from tidings.demo.site import DemoSite, article_path

__all__ = ["SECTIONS", "DemoArticle", "DemoSite", "article_path", "load_corpus", "shift_days"]
