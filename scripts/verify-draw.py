#!/usr/bin/env python3
"""Recompute a Drops draw from its published data, with the Python standard library only.

Usage:
    python3 scripts/verify-draw.py https://shop.example/api/v1/drops/<slug>/transparency
    python3 scripts/verify-draw.py https://shop.example/api/v1/drops/<slug>/draw
    python3 scripts/verify-draw.py draw.json

It reads the published draw itself or a drop's transparency report (the draw sits under
its "draw" field).

The rule (sha256-tickets-v1):
  1. commitment = sha256hex(seed): published before any entry, the seed after the draw.
  2. An entry of weight w holds w tickets; ticket t (1..w) has the key
     sha256hex(seed + ":" + entry_hash + ":" + t).
  3. An entry's key is the smallest of its tickets' keys. Entries in ascending key order
     (ties by entry hash) are places 1, 2, 3...
  4. For an item of n units, places 1..n win one unit each.

Prints the commitment check and each item's winners, and exits with 1 when the
published seed or winners disagree with the recomputation.
"""
import hashlib
import json
import sys
import urllib.request

ALGORITHM = "sha256-tickets-v1"


def sha256hex(text):
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def key(seed, entry):
    return min(sha256hex(f"{seed}:{entry['hash']}:{t}") for t in range(1, entry["weight"] + 1))


def order(seed, entries):
    return sorted(entries, key=lambda entry: (key(seed, entry), entry["hash"]))


def load(source):
    if source.startswith("http://") or source.startswith("https://"):
        request = urllib.request.Request(source, headers={"Accept": "application/json"})
        with urllib.request.urlopen(request) as response:
            return json.load(response)
    with open(source, encoding="utf-8") as file:
        return json.load(file)


def main(argv):
    if len(argv) != 2:
        print(__doc__)
        return 2
    draw = load(argv[1])
    if "algorithm" not in draw and "draw" in draw:
        # A drop's transparency report: the published draw is one of its fields.
        if draw["draw"] is None:
            print(f"Drop {draw.get('slug')!r} is not shared out by draw.")
            return 1
        draw = draw["draw"]
    if draw.get("algorithm") != ALGORITHM:
        print(f"Unknown algorithm {draw.get('algorithm')!r}; this script knows {ALGORITHM}.")
        return 1
    seed = draw.get("seed")
    if not seed:
        print(f"Not drawn yet. Commitment: {draw['commitment']}")
        return 0
    ok = sha256hex(seed) == draw["commitment"]
    print(f"Draw for {draw['dropSlug']}: {len(draw['entries'])} entries")
    print(f"Commitment {draw['commitment']}: {'matches the seed' if ok else 'DOES NOT match the seed'}")
    places = order(seed, draw["entries"])
    for item in draw["items"]:
        winners = [entry["hash"] for entry in places[: item["units"]]]
        agrees = winners == item.get("winners", winners)
        ok = ok and agrees
        print(f"Item {item['sku']} ({item['units']} units): "
              f"{'published winners agree' if agrees else 'published winners DISAGREE'}")
        for place, winner in enumerate(winners, start=1):
            print(f"  {place}. {winner}")
    print("VERIFIED" if ok else "MISMATCH")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
