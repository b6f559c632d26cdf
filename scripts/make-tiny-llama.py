"""Builds a tiny random-weight Llama with its own BPE tokenizer in a folder vLLM can serve
offline: the model the vllm recipe's end-to-end test drives (no hub access needed)."""
import pathlib
import sys

import tokenizers
from tokenizers import models, pre_tokenizers, trainers
from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

out = pathlib.Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
# Any local text will do for a tokenizer nobody reads: the Python sources next to this interpreter.
corpus = [p.read_text(errors="ignore") for p in sorted(pathlib.Path(tokenizers.__file__).parent.rglob("*.py"))[:200]]
corpus += [p.read_text(errors="ignore") for p in sorted(pathlib.Path(pathlib.__file__).parent.glob("*.py"))[:200]]
bpe = tokenizers.Tokenizer(models.BPE(unk_token="<unk>"))
bpe.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
bpe.train_from_iterator(corpus, trainers.BpeTrainer(vocab_size=8000, special_tokens=["<unk>", "<s>", "</s>"]))
tokenizer = PreTrainedTokenizerFast(tokenizer_object=bpe, bos_token="<s>", eos_token="</s>", unk_token="<unk>")
tokenizer.save_pretrained(out)
config = LlamaConfig(hidden_size=256, intermediate_size=512, num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2,
                     vocab_size=len(tokenizer), max_position_embeddings=4096, bos_token_id=1, eos_token_id=2)
LlamaForCausalLM(config).save_pretrained(out)
print(f"tiny llama in {out}")
