"""The question bank: TOML files loaded, validated and rendered into variants."""
