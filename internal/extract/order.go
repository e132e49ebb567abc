package extract

import (
	"unsafe"

	"golang.org/x/net/html"
)

// nodeOrder maps every node of a parsed page to its document order (its
// index in page.all). The rules ask for a node's position tens of
// thousands of times per page; a map[*html.Node]int spent a tenth of the
// extraction hashing and probing. This is an open-addressing table keyed
// by the node's address, hashed by one multiplication, at most two thirds
// full, filled once and then only read. It holds addresses, not pointers:
// page.all keeps the nodes alive, and the garbage collector need not scan
// the table.
type nodeOrder struct {
	slots []orderSlot
	shift uint // 64 - log2(len(slots))
}

// orderSlot is one slot of a nodeOrder; addr 0 marks it empty.
type orderSlot struct {
	addr  uintptr // the node's address
	order int32   // the node's document order
}

// newNodeOrder indexes the nodes of all, which are in document order.
func newNodeOrder(all []*html.Node) nodeOrder {
	bits := uint(1)
	for 1<<bits < len(all)+len(all)/2 {
		bits++
	}
	t := nodeOrder{slots: make([]orderSlot, 1<<bits), shift: 64 - bits}
	mask := len(t.slots) - 1
	for i, n := range all {
		a := address(n)
		s := t.slot(a)
		for t.slots[s].addr != 0 {
			s = (s + 1) & mask
		}
		t.slots[s] = orderSlot{a, int32(i)}
	}
	return t
}

// address returns where n lies in memory. Go's heap does not move
// objects, so a node's address stays the same while it lives.
func address(n *html.Node) uintptr { return uintptr(unsafe.Pointer(n)) }

// slot is the first slot to look for the node at addr in.
func (t *nodeOrder) slot(addr uintptr) int {
	return int(uint64(addr) * 0x9E3779B97F4A7C15 >> t.shift)
}

// lookup returns the document order of n and whether n is a node of the
// page (a node added after parsing is not).
func (t *nodeOrder) lookup(n *html.Node) (int, bool) {
	if n == nil || len(t.slots) == 0 {
		return 0, false
	}
	a := address(n)
	mask := len(t.slots) - 1
	for s := t.slot(a); ; s = (s + 1) & mask {
		switch t.slots[s].addr {
		case a:
			return int(t.slots[s].order), true
		case 0:
			return 0, false
		}
	}
}

// of returns the document order of n, 0 for a node not of the page.
func (t *nodeOrder) of(n *html.Node) int {
	o, _ := t.lookup(n)
	return o
}
