"""Tables over plain lists of rows (after napari's item models): typed columns (columns), the rows model and its
sorting proxy (model), one sizing policy (sizer), the column chooser (chooser), the view and its row helpers
(view), and a model that pages rows in from a source too large for memory (lazy)."""
from .chooser import ColumnChooser
from .columns import BAD, MUTED, ROW_ROLE, SORT_ROLE, TOTAL, WARN, Column
from .lazy import LazyRowsModel, make_lazy_table
from .model import RowsModel, SortFilterProxy, SortProxy, search_texts
from .sizer import ColumnSizer, cell_margin, column_texts, text_width, title_width
from .view import fit_columns, make_table, on_delete, select_where, selected_row, whole_width

__all__ = [
    "BAD", "MUTED", "ROW_ROLE", "SORT_ROLE", "TOTAL", "WARN", "Column", "ColumnChooser", "ColumnSizer",
    "LazyRowsModel", "RowsModel", "SortFilterProxy", "SortProxy", "cell_margin", "column_texts", "fit_columns",
    "make_lazy_table", "make_table", "on_delete", "search_texts", "select_where", "selected_row", "text_width",
    "title_width", "whole_width",
]
