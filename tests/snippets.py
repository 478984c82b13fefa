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
