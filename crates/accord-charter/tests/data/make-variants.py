#!/usr/bin/env python3
"""Writes the layout variants of the seed charter used by the tests.

Run from this folder: python3 make-variants.py. The variants change the
layout only (wrapping, indentation, Markdown), never the wording, so each
must parse to the same provisions as its source; one deletes item II.4 on
purpose, for `accord charter align`.
"""
import re
import textwrap

SEED = "../../../../charters/az-us-2026.fr.txt"
EN = "az-us-2026.en.txt"


def paragraphs(path):
    """The source's header lines and body paragraphs (blank-line separated)."""
    text = open(path, encoding="utf-8").read()
    return [p.strip("\n") for p in text.split("\n\n") if p.strip()]


def hard_wrapped(paras, header_count, width=76):
    """Body hard-wrapped at `width`, no blank lines; paragraphs marked only by
    a first-line indent, items numbered flush left, every line with trailing
    spaces (as some PDF extractions give)."""
    out = paras[:header_count]
    body = []
    for p in paras[header_count:]:
        s = p.strip()
        m = re.match(r"(\d+)\.\s+(.*)", s, re.S)
        if s.startswith("Section "):
            lines = textwrap.wrap(s, width)
        elif m:
            lines = textwrap.wrap(f"{m.group(1)}. {m.group(2)}", width)
        elif s.endswith(":") and not body:
            lines = textwrap.wrap(s, width)
        else:
            lines = textwrap.wrap(s, width, initial_indent="     ")
        body.extend(line + "  " for line in lines)
    return "\n\n".join(out) + "\n\n" + "\n".join(body) + "\n"


def markdown(paras):
    """The English text as a pandoc-style Markdown page, with a publisher's
    lead-in, Begin/End Text markers and HTML leftovers."""
    out = [
        "<!-- converted from the publisher's page -->",
        "The following is the text of the Strategic Partnership Charter between the Republic of Azerbaijan and the United States of America.",
        "Begin Text:",
        "### " + paras[0],
        "**" + paras[1] + "**",
    ]
    for p in paras[2:]:
        s = p.strip()
        m = re.match(r"(\d+)\.\s+(\S+)(.*)", s, re.S)
        if s.startswith("Section "):
            title = s.replace(": ", ":  ", 1)
            out.append("### <u>" + title + "</u>")
        elif m:
            body = f"**{m.group(2)}**{m.group(3)}"
            lines = textwrap.wrap(body, 68)
            out.append(f"{m.group(1)}.  " + "\n    ".join(lines))
            out.append("<!-- -->")
        else:
            out.append("\n".join(textwrap.wrap(s, 72)))
    out.append("End Text")
    out.append("Media contact: press office, +1 202 000 0000")
    return "\n\n".join(out) + "\n"


def without_item(path, section, number):
    """The text with one numbered item of one section deleted (no renumbering)."""
    text = open(path, encoding="utf-8").read()
    parts = text.split("\n\n")
    current, keep = None, []
    for p in parts:
        s = p.strip()
        if s.startswith("Section "):
            current = s.split()[1]
        if current == section and re.match(rf"{number}\.\s", s):
            continue
        keep.append(p)
    return "\n\n".join(keep)


fr = paragraphs(SEED)
open("az-us-2026.fr.wrapped.txt", "w", encoding="utf-8").write(hard_wrapped(fr, header_count=2))
en = paragraphs(EN)
open("az-us-2026.en.md", "w", encoding="utf-8").write(markdown(en))
open("az-us-2026.fr.without-II.4.txt", "w", encoding="utf-8").write(without_item(SEED, "II", 4))
