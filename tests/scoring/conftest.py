import shutil

import pytest

from factcheck.extraction.neural import MODEL_DIR
from factcheck.scoring import selectors


@pytest.fixture
def neural_on(settings):
    """The shipped neural model, loaded afresh for the test."""
    settings.FACTCHECK_NEURAL = True
    settings.FACTCHECK_NEURAL_MODEL_DIR = str(MODEL_DIR)
    selectors._load_neural.cache_clear()
    yield settings
    selectors._load_neural.cache_clear()


@pytest.fixture
def broken_model(neural_on, tmp_path):
    """A copy of the model whose encoder file is missing."""
    directory = tmp_path / "model"
    shutil.copytree(MODEL_DIR, directory)
    (directory / "model.onnx").unlink()
    neural_on.FACTCHECK_NEURAL_MODEL_DIR = str(directory)
    return directory
