"""Layers with ``forward``/``backward`` and ``params``/``grads`` dicts (one module per family)."""

from engine.layers.activations import LeakyReLU, ReLU, Sigmoid, Tanh
from engine.layers.affine import Affine
from engine.layers.base import Layer, Layout, batch_axis
from engine.layers.batchnorm import BatchNorm
from engine.layers.dropout import Dropout
from engine.layers.softmax import Softmax

__all__ = [
    "Affine",
    "BatchNorm",
    "Dropout",
    "Layer",
    "Layout",
    "LeakyReLU",
    "ReLU",
    "Sigmoid",
    "Softmax",
    "Tanh",
    "batch_axis",
]
