"""The learned layer: a pretrained sentence encoder, small trained heads over it, and their training.

``encoder`` turns sentences into vectors (MiniLM-L6, int8 ONNX, no torch); ``event_head`` types an
event sentence with a head trained on CASE 2021 (numpy inference, weights under ``learn/data/``);
``sense_head`` tells whether a violence word is used in its violent sense ("heart attack" is not);
``train`` reproduces a shipped head from its data (the ``[train]`` extra). Nothing loads on import.
"""
