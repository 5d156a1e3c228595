"""The web face: server-rendered zh-TW pages and a JSON API over the same data."""
