"""What a build writes besides its pages: specs.json and the incremental ledger."""
