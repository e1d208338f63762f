"""Commands: translation_models, draft_translations."""
