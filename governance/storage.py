"""Static files storage for production: compressed, content-hashed, module imports rewritten."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    # static/js/init.mjs imports GOV.UK Frontend as an ES module; rewrite that import
    # to the hashed file name too, so both can be cached for ever.
    support_js_module_import_aggregation = True
