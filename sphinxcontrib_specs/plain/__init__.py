"""Plain specs: pages that are specs without a ``spec`` directive, read where their metadata lives.

- :mod:`.sources`: where metadata stands (the page's top in each shape, an RFC 2822 header block,
  metadata sections, label lines under the title, a sibling metadata file, the file's name);
  each yields ``(label, raw value, location)`` entries;
- :mod:`.labels`: labels as matched and the options they name; :mod:`.vocabulary`: what the
  project's templates say, worked out once;
- :mod:`.readers` and :mod:`.dates`: value readers (Markdown in values, statuses, people,
  references, dates); :mod:`.values`: which reader an option's value takes;
- :mod:`.lists`: which lists are tracked items;
- :mod:`.recognizer`: a page -> its :class:`~.recognizer.PlainSpec` (shared by the build,
  ``sphinx-specs init`` and ``adopt``);
- :mod:`.transform` and :mod:`.files`: the build's side (a Sphinx transform, what a page reads
  besides its doctree, the events they need).
"""
