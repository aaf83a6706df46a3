"""The parts of reading a packet, one idea a module; :mod:`desktop.packets.reader` puts them
together (and is where the rest of the program imports them from).

- :mod:`.refusal`: what a packet may be at most, and the refusal of one that is not readable;
- :mod:`.problems`: a cell that cannot be taken, a cell edited after export, where they are;
- :mod:`.rows`: the records of a register sheet as read;
- :mod:`.container`: the zip file and its members, checked before any parser sees them;
- :mod:`.scan`: each worksheet's XML streamed once: formulas, cells far outside the data;
- :mod:`.workbook`: the sheets read by calamine on worker threads;
- :mod:`.meta`: the machine part;
- :mod:`.parser`: the cells of a register sheet turned into values and canonical texts;
- :mod:`.edits`: naming the cells edited after export;
- :mod:`.notices`: what the human-readable part says that the signed part does not.
"""
