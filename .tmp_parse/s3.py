from torch.nn import (Conv2d,
    Linear as L)
from . import x
from ..a.b import c
import a.b.c, d as e
