"""Code snippets the tests feed in, written once here.

Kept apart from the app's own EXAMPLE_CODE on purpose: if the example in
the Import Code dialog changes, what the tests check must not change with it.
"""

#: The blog post's first example (``L = d * f``), as the post writes it.
BLOG_SNIPPET = """\
a = Value(2.0, label='a')
b = Value(-3.0, label='b')
c = Value(10.0, label='c')
e = a*b; e.label = 'e'
d = e + c; d.label = 'd'
f = Value(-2.0, label='f')
L = d * f; L.label = 'L'
L
"""

#: micrograd's README example, as its README writes it (imports, prints and
#: ``backward`` skipped by Import Code): g 24.7041, a.grad 138.8338, b.grad 645.5773.
MICROGRAD_README = """\
from micrograd.engine import Value

a = Value(-4.0)
b = Value(2.0)
c = a + b
d = a * b + b**3
c += c + 1
c += 1 + c + (-a)
d += d * 2 + (b + a).relu()
d += 3 * d + (b - a).relu()
e = c - d
f = e**2
g = f / 2.0
g += 10.0 / f
print(f'{g.data:.4f}') # prints 24.7041, the outcome of this forward pass
g.backward()
print(f'{a.grad:.4f}') # prints 138.8338, i.e. the numerical value of dg/da
print(f'{b.grad:.4f}') # prints 645.5773, i.e. the numerical value of dg/db
"""

#: The lecture's neuron cell as a learner pastes it (trial 48 #2): its import,
#: comments, the tanh written out, ``o.backward()`` and ``draw_dot(o)`` last.
#: 17 nodes; x1.grad -1.5, w1.grad 1.0 (as the lecture's).
LECTURE_NEURON = """\
from micrograd.engine import Value

# inputs x1,x2
x1 = Value(2.0, label='x1')
x2 = Value(0.0, label='x2')
# weights w1,w2
w1 = Value(-3.0, label='w1')
w2 = Value(1.0, label='w2')
# bias of the neuron
b = Value(6.8813735870195432, label='b')
# x1*w1 + x2*w2 + b
x1w1 = x1*w1; x1w1.label = 'x1*w1'
x2w2 = x2*w2; x2w2.label = 'x2*w2'
x1w1x2w2 = x1w1 + x2w2; x1w1x2w2.label = 'x1*w1 + x2*w2'
n = x1w1x2w2 + b; n.label = 'n'
# ----
e = (2*n).exp()
o = (e - 1) / (e + 1)
# ----
o.label = 'o'
o.backward()
draw_dot(o)
"""

#: The lecture's cells that run backprop by hand, as its notebook writes them
#: (trial 58 #2: Import Code refused each line of them and added nothing).
#: The first cell's imports (``%matplotlib inline`` is not Python).
LECTURE_IMPORTS = """\
import math
import numpy as np
import matplotlib.pyplot as plt
"""

#: The "manual backpropagation" cell, after the blog post's L graph.
LECTURE_MANUAL_GRADS = """\
L.grad = 1.0
f.grad = 4.0
d.grad = -2.0
c.grad = -2.0
e.grad = -2.0
a.grad = 6.0
b.grad = -4.0
"""

#: The "nudge" cell: a step of gradient ascent, then the forward pass again.
LECTURE_NUDGE = """\
a.data += 0.01 * a.grad
b.data += 0.01 * b.grad
c.data += 0.01 * c.grad
f.data += 0.01 * f.grad

e = a * b
d = e + c
L = d * f

print(L.data)
"""

#: The neuron's gradients set by hand, then each node's _backward() called.
LECTURE_NEURON_BY_HAND = """\
o.grad = 1.0
n.grad = 0.5
x1w1x2w2.grad = 0.5
b.grad = 0.5
x1w1.grad = 0.5
x2w2.grad = 0.5
x2.grad = w2.data * x2w2.grad
w2.grad = x2.data * x2w2.grad
x1.grad = w1.data * x1w1.grad
w1.grad = x1.data * x1w1.grad
1 - o.data**2
o.grad = 1.0
o._backward()
n._backward()
b._backward()
x1w1x2w2._backward()
x2w2._backward()
x1w1._backward()
o.grad
"""

#: Trial 62's lunch-and-learn MLP(2, [2, 1]) by hand, as the tester imported it
#: (its layers and neurons named by ``# ---`` group comments).
TRIAL62_MLP = """\
from micrograd.engine import Value

# a tiny MLP(2, [2, 1]) by hand, one data point
x1 = Value(2.0, label='x1')
x2 = Value(-1.0, label='x2')
# --- layer 1 / neuron 1.1
w11 = Value(0.5, label='w11')
w12 = Value(-0.3, label='w12')
b1 = Value(0.1, label='b1')
h1 = (x1*w11 + x2*w12 + b1).tanh(); h1.label = 'h1'
# --- layer 1 / neuron 1.2
w21 = Value(-0.8, label='w21')
w22 = Value(0.2, label='w22')
b2 = Value(0.3, label='b2')
h2 = (x1*w21 + x2*w22 + b2).tanh(); h2.label = 'h2'
# --- layer 2
v1 = Value(1.2, label='v1')
v2 = Value(-0.7, label='v2')
c = Value(0.05, label='c')
out = (h1*v1 + h2*v2 + c).tanh(); out.label = 'out'
# --- loss
y = Value(1.0, label='y')
loss = (out - y)**2; loss.label = 'loss'
loss.backward()
print(x1.grad)
draw_dot(loss)
"""

#: The lecture notebook's own cell (trial 64 #2): micrograd's Neuron, Layer and MLP
#: written out as classes, the network made, its loss and backward.
LECTURE_NN_CLASSES = """\
import random
from micrograd.engine import Value

class Neuron:
  def __init__(self, nin):
    self.w = [Value(random.uniform(-1,1)) for _ in range(nin)]
    self.b = Value(random.uniform(-1,1))
  def __call__(self, x):
    act = sum((wi*xi for wi, xi in zip(self.w, x)), self.b)
    out = act.tanh()
    return out
  def parameters(self):
    return self.w + [self.b]

class Layer:
  def __init__(self, nin, nout):
    self.neurons = [Neuron(nin) for _ in range(nout)]
  def __call__(self, x):
    outs = [n(x) for n in self.neurons]
    return outs[0] if len(outs) == 1 else outs

class MLP:
  def __init__(self, nin, nouts):
    sz = [nin] + nouts
    self.layers = [Layer(sz[i], sz[i+1]) for i in range(len(nouts))]
  def __call__(self, x):
    for layer in self.layers:
      x = layer(x)
    return x

x = [2.0, 3.0, -1.0]
n = MLP(3, [4, 4, 1])
n(x)
xs = [[2.0, 3.0, -1.0],[3.0, -1.0, 0.5],[0.5, 1.0, 1.0],[1.0, 1.0, -1.0]]
ys = [1.0, -1.0, -1.0, 1.0]
ypred = [n(x) for x in xs]
loss = sum((yout - ygt)**2 for ygt, yout in zip(ys, ypred))
loss.backward()
"""
