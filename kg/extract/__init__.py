"""extract stage of the kg pipeline (see DESIGN.md §2)."""
