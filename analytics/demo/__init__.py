"""Demo data: `generate` builds it, `load_demo` writes it (see analytics.demo.load)."""
