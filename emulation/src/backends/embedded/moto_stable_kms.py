"""moto server whose KMS keys are the same in every run, for `npm run local`.

The local PostgreSQL cluster is kept between runs, and its PHI columns are encrypted under data
keys wrapped by the PHI KMS key. moto keeps its state in memory and gives every new key a random
id and random material, so after a restart nothing in the kept database could be decrypted.
Here a symmetric key's id and material come from what the template says about it (description,
spec, usage, account, region): created again from the same template, it is the same key, and
moto decrypts the old ciphertexts (its blobs name the key id). Asymmetric keys keep random
private keys: only short-lived access tokens depend on them.

Usage: python moto_stable_kms.py -H 127.0.0.1 -p <port>   (the arguments of moto.server)
"""
import hashlib
import sys
import uuid
from collections import Counter

from moto.kms import models
from moto.server import main

_original_init = models.Key.__init__
_seen: Counter = Counter()


def _stable_init(self, policy, key_usage, key_spec, description, account_id, region, multi_region=False, origin="AWS_KMS"):
    _original_init(self, policy, key_usage, key_spec, description, account_id, region, multi_region, origin)
    identity = f"{account_id}|{region}|{description}|{key_spec}|{key_usage}|{multi_region}"
    # Two keys alike in every attribute still differ: the n-th such key of this process gets n.
    _seen[identity] += 1
    seed = hashlib.sha256(f"serenya-local-kms|{identity}|{_seen[identity]}".encode()).digest()
    key_id = str(uuid.UUID(bytes=seed[:16], version=4))
    if multi_region:
        key_id = "mrk-" + key_id.replace("-", "")
    self.id = key_id
    self.arn = self.arn.rsplit("/", 1)[0] + "/" + key_id
    if multi_region:
        self.multi_region_configuration["PrimaryKey"]["Arn"] = self.arn
    self.key_material = hashlib.sha256(b"material|" + seed).digest()


models.Key.__init__ = _stable_init

if __name__ == "__main__":
    main(sys.argv[1:])
