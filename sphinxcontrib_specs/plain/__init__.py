"""Plain specs: pages that are specs without a ``spec`` directive, read where their metadata lives.

- :mod:`.sources`: where metadata stands (the page's top in each shape, an RFC 2822 header block,
  metadata sections, label lines under the title, a sibling metadata file, the file's name);
  each yields ``(label, raw value, location)`` entries;
- :mod:`.labels`: labels as matched and the options they name;
- :mod:`.readers`: value readers (dates, Markdown in values, statuses, people, references);
- :mod:`.lists`: which lists are tracked items;
- :mod:`.recognizer`: a page -> its :class:`~.recognizer.PlainSpec` (shared by the build,
  ``sphinx-specs init`` and ``adopt``);
- :mod:`.transform`: the build's side (a Sphinx transform and the events it needs).
"""
