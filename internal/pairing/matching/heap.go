package matching

// heapItem is an entry of a least-slack heap: a vertex or blossom, an edge
// (or -1) and a key that does not change with offset while the entry is
// current.
type heapItem struct {
	key      int64
	id, edge int32
}

// idxHeap is a binary min-heap on key holding at most one entry per id.
type idxHeap struct {
	items []heapItem
	pos   []int32 // id -> index in items, -1 when absent
}

func newIdxHeap(ids int) idxHeap {
	pos := make([]int32, ids)
	for i := range pos {
		pos[i] = -1
	}
	return idxHeap{pos: pos}
}

// set inserts the entry for it.id or replaces it.
func (h *idxHeap) set(it heapItem) {
	if i := h.pos[it.id]; i >= 0 {
		old := h.items[i].key
		h.items[i] = it
		if it.key < old {
			h.up(int(i))
		} else {
			h.down(int(i))
		}
		return
	}
	h.items = append(h.items, it)
	h.pos[it.id] = int32(len(h.items) - 1)
	h.up(len(h.items) - 1)
}

// removeTop removes the least entry.
func (h *idxHeap) removeTop() {
	a := h.items
	last := len(a) - 1
	h.pos[a[0].id] = -1
	if last > 0 {
		a[0] = a[last]
		h.pos[a[0].id] = 0
	}
	h.items = a[:last]
	if last > 0 {
		h.down(0)
	}
}

func (h *idxHeap) up(i int) {
	a := h.items
	for i > 0 {
		up := (i - 1) / 2
		if a[up].key <= a[i].key {
			break
		}
		a[i], a[up] = a[up], a[i]
		h.pos[a[i].id], h.pos[a[up].id] = int32(i), int32(up)
		i = up
	}
}

func (h *idxHeap) down(i int) {
	a := h.items
	for {
		l, r, m := 2*i+1, 2*i+2, i
		if l < len(a) && a[l].key < a[m].key {
			m = l
		}
		if r < len(a) && a[r].key < a[m].key {
			m = r
		}
		if m == i {
			return
		}
		a[i], a[m] = a[m], a[i]
		h.pos[a[i].id], h.pos[a[m].id] = int32(i), int32(m)
		i = m
	}
}
