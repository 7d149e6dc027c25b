package handlers

// HoldImportSlot takes the instance's import slot, as an import in progress
// would, until release is called.
func HoldImportSlot(h *Handlers) (release func()) {
	h.imports <- struct{}{}
	return func() { <-h.imports }
}
