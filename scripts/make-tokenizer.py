"""Builds a small WordLevel tokenizer folder for the Python peers, offline.

AIPerf, guidellm and vLLM's client all insist on a Hugging Face tokenizer; no hub is reachable
here, so this trains one on text that ships with Python itself. bench load needs none.
Usage: python make-tokenizer.py OUT_DIR
"""
import pathlib
import sys

from tokenizers import Tokenizer, models, pre_tokenizers, trainers
from transformers import PreTrainedTokenizerFast

out = pathlib.Path(sys.argv[1])
corpus = [p.read_text(errors="ignore") for p in pathlib.Path(pathlib.__file__).parent.glob("*.py")]
tokenizer = Tokenizer(models.WordLevel(unk_token="[UNK]"))
tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
tokenizer.train_from_iterator(corpus, trainers.WordLevelTrainer(vocab_size=30000, special_tokens=["[UNK]", "<s>", "</s>"]))
PreTrainedTokenizerFast(tokenizer_object=tokenizer, unk_token="[UNK]", bos_token="<s>", eos_token="</s>").save_pretrained(out)
print(out)
