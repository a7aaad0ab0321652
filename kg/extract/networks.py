"""The encoders as the networks both backends run: ``(input_ids, attention_mask) → arrays``.

torch runs these modules (``kg.extract.inference.TorchEncoder``); ``kg.extract.onnx_export`` exports the same
modules for ONNX Runtime, so the two backends compute one thing. Imported only when a model is loaded (torch).
"""

from __future__ import annotations

import torch


class TokenScores(torch.nn.Module):
    """A token classifier's label log-probabilities and its encoder's last-layer vectors, per piece."""

    outputs = {"log_probs": ("batch", "width"), "vectors": ("batch", "width")}  # ONNX names and variable axes

    def __init__(self, model):  # transformers BertForTokenClassification
        super().__init__()
        self.model = model
        self.config = model.config

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        found = self.model(input_ids=input_ids, attention_mask=attention_mask, output_hidden_states=True)
        return torch.log_softmax(found.logits.float(), -1), found.hidden_states[-1]


class SentenceEmbedding(torch.nn.Module):
    """A sentence-transformers model's unit-length embedding of each sequence (its own modules: mean pooling)."""

    outputs = {"embeddings": ("batch",)}

    def __init__(self, model):  # sentence_transformers.SentenceTransformer
        super().__init__()
        self.model = model
        self.config = model[0].auto_model.config

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        found = self.model({"input_ids": input_ids, "attention_mask": attention_mask})["sentence_embedding"]
        return torch.nn.functional.normalize(found.float(), dim=1)


class HiddenStates(torch.nn.Module):
    """An encoder's last-layer vector of every piece (the sentence-role encoder pools them per sentence)."""

    outputs = {"states": ("batch", "width")}

    def __init__(self, model):  # transformers BertModel
        super().__init__()
        self.model = model
        self.config = model.config

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return self.model(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
