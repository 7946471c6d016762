/* A sheet's plain cells read in C: `governance.uploads._cells.read`.
 *
 * What `SheetHandler.read_plain` (parts.py) does with a plain region in Python (the pattern
 * `plain.CELLS` splits it, `plain.ROWS` checks what lies between the cells, and a loop takes
 * each cell's value), done in one pass over the region's characters. It takes only a region
 * in a narrower form than the patterns take, and gives what the Python would give for it:
 * anything else returns None, and the Python reads the region as before (which may still
 * find it not plain, and expat then reads the part). So this part never decides alone what
 * a file says: where it is not sure, the Python or expat does.
 *
 * The form, as the patterns write it (plain.py), and nothing else:
 *
 *   region := row*
 *   row    := '<row r="' [1-9][0-9]{0,6} '"' row attributes ('/>' | '>' cell* '</row>')
 *   cell   := '<c r="' [A-Z]{1,3} [0-9]{1,7} '"' (' s="' [0-9]{1,9} '"')?
 *             (' t="' [a-zA-Z]{1,9} '"')? ('/>' | '>' formula? ('<v>' [^<]* '</v>')? '</c>')
 *   formula := '<f' formula attributes ('/>' | '>' [^<]* '</f>')
 *
 * each attribute optional, at most once, in the schema's order, its value
 * [0-9A-Za-z:. +$-]*. Characters of any width are read (`CH`), and scanned for with
 * memchr where all are of one byte, as a sheet's mostly are. `region_text` has already
 * refused what XML does not hold.
 *
 * Every read is bounded by the region's length: `at` never passes `n`.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

#define MAX_ROW 1048576L
#define MAX_COLUMN 16384L

typedef struct {
    PyObject *str;     /* the region */
    int kind;          /* its characters' width */
    const void *data;  /* its characters */
    Py_ssize_t n;      /* how many */
    Py_ssize_t at;     /* the place the scan has reached */
} Scan;

/* The region's `i`th character (i < n). */
#define CH(s, i) PyUnicode_READ((s)->kind, (s)->data, (i))

static Scan
scan(PyObject *region)
{
    return (Scan){region, PyUnicode_KIND(region), PyUnicode_DATA(region),
                  PyUnicode_GET_LENGTH(region), 0};
}

/* Where `c` is first from start to end, or -1. */
static Py_ssize_t
find(const Scan *s, Py_UCS4 c, Py_ssize_t start, Py_ssize_t end)
{
    if (s->kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *p = s->data;
        const Py_UCS1 *found = memchr(p + start, (int)c, (size_t)(end - start));
        return found == NULL ? -1 : (Py_ssize_t)(found - p);
    }
    for (Py_ssize_t i = start; i < end; i++) {
        if (CH(s, i) == c) {
            return i;
        }
    }
    return -1;
}

static const char *ROW_ATTRIBUTES[] = {
    "spans", "s", "customFormat", "ht", "hidden", "customHeight", "outlineLevel",
    "collapsed", "thickTop", "thickBot", "ph", "x14ac:dyDescent", NULL,
};
static const char *FORMULA_ATTRIBUTES[] = {
    "t", "aca", "ref", "dt2D", "dtr", "del1", "del2", "r1", "r2", "ca", "si", "bx", NULL,
};

/* Whether `literal` is at the scan's place; if so, the place moves past it. */
static int
take(Scan *s, const char *literal)
{
    Py_ssize_t length = (Py_ssize_t)strlen(literal);
    if (s->n - s->at < length) {
        return 0;
    }
    if (s->kind == PyUnicode_1BYTE_KIND) {
        if (memcmp((const Py_UCS1 *)s->data + s->at, literal, (size_t)length) != 0) {
            return 0;
        }
    }
    else {
        for (Py_ssize_t i = 0; i < length; i++) {
            if (CH(s, s->at + i) != (Py_UCS1)literal[i]) {
                return 0;
            }
        }
    }
    s->at += length;
    return 1;
}

static int
is_value_character(Py_UCS4 c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           c == ':' || c == '.' || c == ' ' || c == '+' || c == '$' || c == '-';
}

/* Attributes that may each appear once, in this order: ` name="value"`, where the value is
 * of `is_value_character`s. One that does not end as it should is not taken (as the
 * pattern's possessive option), and the place stays before it. */
static void
take_attributes(Scan *s, const char **names)
{
    for (; *names != NULL; names++) {
        Py_ssize_t before = s->at;
        if (!(take(s, " ") && take(s, *names) && take(s, "=\""))) {
            s->at = before;
            continue;
        }
        while (s->at < s->n && is_value_character(CH(s, s->at))) {
            s->at++;
        }
        if (!take(s, "\"")) {
            s->at = before;
        }
    }
}

/* Characters up to the next `<` (none past the end): where it is, or -1. */
static Py_ssize_t
text_end(Scan *s)
{
    return find(s, '<', s->at, s->n);
}

static int
has(const Scan *s, Py_ssize_t start, Py_ssize_t end, Py_UCS4 c)
{
    return find(s, c, start, end) >= 0;
}

/* Whether the text from start to end holds what `plain.decoded` decodes: `&` or `>`. */
static int
needs_decoding(const Scan *s, Py_ssize_t start, Py_ssize_t end)
{
    return has(s, start, end, '&') || has(s, start, end, '>');
}

/* Text up to the next `<`, then `closing`: whether they were there, the text from *start
 * to *end. */
static int
take_text(Scan *s, const char *closing, Py_ssize_t *start, Py_ssize_t *end)
{
    *start = s->at;
    *end = text_end(s);
    if (*end < 0) {
        return 0;
    }
    s->at = *end;
    return take(s, closing);
}

/* Whether an OOXML escape may begin from start to end: `_x`. */
static int
has_escape(const Scan *s, Py_ssize_t start, Py_ssize_t end)
{
    for (Py_ssize_t i = find(s, '_', start, end); i >= 0; i = find(s, '_', i + 1, end)) {
        if (i + 1 < end && CH(s, i + 1) == 'x') {
            return 1;
        }
    }
    return 0;
}

/* Whole digits from start to end (1 to 18 of them): their value, or -1. */
static long long
digits(const Scan *s, Py_ssize_t start, Py_ssize_t end)
{
    if (end <= start || end - start > 18) {
        return -1;
    }
    long long value = 0;
    for (Py_ssize_t i = start; i < end; i++) {
        Py_UCS4 c = CH(s, i);
        if (c < '0' || c > '9') {
            return -1;
        }
        value = value * 10 + (long long)(c - '0');
    }
    return value;
}

/* Digits of `s` (at most `most` of them, at least one), then `"`: whether they were there. */
static int
take_digits(Scan *s, Py_ssize_t most, Py_ssize_t *start, Py_ssize_t *end)
{
    *start = s->at;
    while (s->at < s->n && CH(s, s->at) >= '0' && CH(s, s->at) <= '9' && s->at - *start < most) {
        s->at++;
    }
    *end = s->at;
    return *end > *start && take(s, "\"");
}

/* A cell's value in the part: its text and what its `t` and `s` say. */
typedef struct {
    Py_ssize_t text_start, text_end;  /* the `v`'s text; equal where it has none */
    Py_ssize_t kind_start, kind_end;  /* the `t`; equal where it has none */
    Py_ssize_t style_start, style_end;  /* the `s`; equal where it has none */
} Cell;

/* Whether the cell's `t` is `kind`, whole: `take` over the `t` alone. */
static int
kind_is(const Scan *s, const Cell *c, const char *kind)
{
    Scan t = *s;
    t.at = c->kind_start;
    t.n = c->kind_end;
    return take(&t, kind) && t.at == t.n;
}

typedef struct {
    PyObject *strings;      /* list: the shared strings */
    PyObject *date_styles;  /* set of int: the styles that show a number as a date */
    PyObject *value_of;     /* SheetHandler._value: (text, kind, style) -> value or None */
    PyObject *decode;       /* one text as `plain.decoded` gives it (NotPlain if not) */
    PyObject *cells;        /* dict: (row, column) -> value, filled in the file's order */
    PyObject *formulas;     /* list: the formulas' texts that `plain.check` must see */
    Py_ssize_t cell_chars;  /* the most characters a cell holds */
    Py_ssize_t taken;       /* the cells with a value */
    Py_ssize_t text_chars;  /* the characters of the cells of text (`t="str"`) */
} Out;

static PyObject *
substring(const Scan *s, Py_ssize_t start, Py_ssize_t end)
{
    return PyUnicode_Substring(s->str, start, end);
}

/* 1 where the style shows no number as a date (or there is none), 0 where it does, -1 on
 * an error. */
static int
undated(const Scan *s, const Cell *c, Out *out)
{
    if (c->style_end == c->style_start) {
        return 1;
    }
    long long style = digits(s, c->style_start, c->style_end);  /* 1 to 9 digits */
    PyObject *number = PyLong_FromLongLong(style);
    if (number == NULL) {
        return -1;
    }
    int dated = PySet_Contains(out->date_styles, number);
    Py_DECREF(number);
    return dated < 0 ? -1 : !dated;
}

/* The cell's value as the loop of `read_plain` takes it: a new reference, Py_None for a
 * blank, NULL on an error (NotPlain, or the refusal `value_of` raises). */
static PyObject *
value(const Scan *s, const Cell *c, Out *out)
{
    Py_ssize_t start = c->text_start, end = c->text_end;
    int plain_text = !needs_decoding(s, start, end);
    if (plain_text) {
        if (end - start > out->cell_chars) {
            PyErr_SetString(PyExc_ValueError, "a cell longer than a cell holds");
            return NULL;
        }
        if (kind_is(s, c, "s")) {
            long long index = digits(s, start, end);
            if (index >= 0 && index < PyList_GET_SIZE(out->strings)) {
                return Py_NewRef(PyList_GET_ITEM(out->strings, index));
            }
        }
        else if (c->kind_end == c->kind_start) {
            long long number = digits(s, start, end);
            if (number >= 0) {
                int is_undated = undated(s, c, out);
                if (is_undated < 0) {
                    return NULL;
                }
                if (is_undated) {
                    return PyLong_FromLongLong(number);
                }
            }
            else if (end == start) {
                return Py_NewRef(Py_None);  /* no text and no kind: a blank */
            }
        }
        else if (kind_is(s, c, "str") && !has_escape(s, start, end)) {
            out->text_chars += end - start;
            return substring(s, start, end);
        }
    }
    /* Everything else as the Python takes it. */
    PyObject *text = substring(s, start, end);
    if (text == NULL) {
        return NULL;
    }
    if (!plain_text) {
        Py_SETREF(text, PyObject_CallOneArg(out->decode, text));
        if (text == NULL) {
            return NULL;
        }
        if (!PyUnicode_Check(text) || PyUnicode_GET_LENGTH(text) > out->cell_chars) {
            Py_DECREF(text);
            PyErr_SetString(PyExc_ValueError, "a cell longer than a cell holds");
            return NULL;
        }
    }
    PyObject *kind = c->kind_end == c->kind_start
                         ? PyUnicode_FromString("n")
                         : substring(s, c->kind_start, c->kind_end);
    PyObject *style = c->style_end == c->style_start
                          ? Py_NewRef(Py_None)
                          : substring(s, c->style_start, c->style_end);
    PyObject *result = NULL;
    if (kind != NULL && style != NULL) {
        result = PyObject_CallFunctionObjArgs(out->value_of, text, kind, style, NULL);
    }
    Py_DECREF(text);
    Py_XDECREF(kind);
    Py_XDECREF(style);
    return result;
}

/* The cell at the scan's place (`<c` taken already): 1 taken, 0 not in the form, -1 on an
 * error. Its value goes into `out->cells`. */
static int
cell(Scan *s, Out *out, Py_ssize_t *elements)
{
    Cell c = {0, 0, 0, 0, 0, 0};
    if (!take(s, " r=\"")) {
        return 0;
    }
    long column = 0;
    Py_ssize_t letters = 0, start, end;
    while (s->at < s->n && CH(s, s->at) >= 'A' && CH(s, s->at) <= 'Z' && letters < 3) {
        column = column * 26 + (long)(CH(s, s->at) - 'A' + 1);
        s->at++, letters++;
    }
    if (letters == 0 || !take_digits(s, 7, &start, &end)) {
        return 0;
    }
    long long row = digits(s, start, end);
    if (row < 1 || row > MAX_ROW || column > MAX_COLUMN) {
        return 0;  /* the Python finds no position for it: not plain */
    }
    if (take(s, " s=\"") && !take_digits(s, 9, &c.style_start, &c.style_end)) {
        return 0;
    }
    if (take(s, " t=\"")) {
        c.kind_start = s->at;
        while (s->at < s->n && ((CH(s, s->at) >= 'a' && CH(s, s->at) <= 'z') ||
                                (CH(s, s->at) >= 'A' && CH(s, s->at) <= 'Z'))) {
            s->at++;
        }
        c.kind_end = s->at;
        if (c.kind_end == c.kind_start || c.kind_end - c.kind_start > 9 || !take(s, "\"")) {
            return 0;
        }
    }
    *elements += 1;
    if (!take(s, "/>")) {
        if (!take(s, ">")) {
            return 0;
        }
        if (take(s, "<f")) {
            take_attributes(s, FORMULA_ATTRIBUTES);
            if (!take(s, "/>")) {
                if (!take(s, ">")) {
                    return 0;
                }
                if (!take_text(s, "</f>", &start, &end)) {
                    return 0;
                }
                if (needs_decoding(s, start, end)) {
                    PyObject *text = substring(s, start, end);
                    if (text == NULL || PyList_Append(out->formulas, text) < 0) {
                        Py_XDECREF(text);
                        return -1;
                    }
                    Py_DECREF(text);
                }
            }
            *elements += 1;
        }
        if (take(s, "<v>")) {
            if (!take_text(s, "</v>", &c.text_start, &c.text_end)) {
                return 0;
            }
            *elements += 1;
        }
        if (!take(s, "</c>")) {
            return 0;
        }
    }
    PyObject *found = value(s, &c, out);
    if (found == NULL) {
        return -1;
    }
    if (found == Py_None) {
        Py_DECREF(found);
        return 1;
    }
    PyObject *position = Py_BuildValue("(Ll)", row, column);
    int failed = position == NULL || PyDict_SetItem(out->cells, position, found) < 0;
    Py_XDECREF(position);
    Py_DECREF(found);
    if (failed) {
        return -1;
    }
    out->taken++;
    return 1;
}

PyDoc_STRVAR(read_doc,
"read(region, strings, date_styles, value_of, decode, cell_chars, cells)\n--\n\n"
"A sheet's plain region read into `cells` (a dict, empty), as `SheetHandler.read_plain`\n"
"reads it: (rows, elements, cells with a value, characters of the cells of text, the\n"
"formulas' texts for `plain.check`), or None where the region is not in the form this\n"
"reads (`cells` may then hold some of it). What `value_of` or `decode` raises, it raises.");

static PyObject *
read_cells(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 7) {
        PyErr_SetString(PyExc_TypeError, "read() takes 7 arguments");
        return NULL;
    }
    PyObject *region = args[0];
    Out out = {args[1], args[2], args[3], args[4], args[6], NULL, 0, 0, 0};
    if (!PyUnicode_Check(region) || !PyList_CheckExact(out.strings) ||
        !PyAnySet_Check(out.date_styles) || !PyDict_CheckExact(out.cells)) {
        PyErr_SetString(PyExc_TypeError, "read(str, list, set, value_of, decode, int, dict)");
        return NULL;
    }
    out.cell_chars = PyLong_AsSsize_t(args[5]);
    if (out.cell_chars < 0) {
        return PyErr_Occurred() ? NULL : Py_NewRef(Py_None);
    }
    Scan s = scan(region);
    out.formulas = PyList_New(0);
    if (out.formulas == NULL) {
        return NULL;
    }
    Py_ssize_t rows = 0, elements = 0;
    while (s.at < s.n) {
        Py_ssize_t start, end;  /* the row's number: [1-9][0-9]{0,6}, at most MAX_ROW */
        if (!take(&s, "<row r=\"") || !take_digits(&s, 7, &start, &end) ||
            CH(&s, start) == '0' || digits(&s, start, end) > MAX_ROW) {
            goto not_plain;
        }
        take_attributes(&s, ROW_ATTRIBUTES);
        rows++, elements++;
        if (take(&s, "/>")) {
            continue;
        }
        if (!take(&s, ">")) {
            goto not_plain;
        }
        while (take(&s, "<c")) {
            int taken = cell(&s, &out, &elements);
            if (taken < 0) {
                Py_DECREF(out.formulas);
                return NULL;
            }
            if (taken == 0) {
                goto not_plain;
            }
        }
        if (!take(&s, "</row>")) {
            goto not_plain;
        }
    }
    return Py_BuildValue("(nnnnN)", rows, elements, out.taken, out.text_chars, out.formulas);

not_plain:
    Py_DECREF(out.formulas);
    Py_RETURN_NONE;
}

/* The text up to the next `<` (which must be followed by `closing`), as `plain.decoded`
 * gives it: as it is where it holds no `&` or `>`, else through `decode`. A new reference;
 * NULL with no error set where the text is not followed by `closing`. */
static PyObject *
text_then(Scan *s, const char *closing, PyObject *decode)
{
    Py_ssize_t start, end;
    if (!take_text(s, closing, &start, &end)) {
        return NULL;
    }
    PyObject *text = substring(s, start, end);
    if (text != NULL && needs_decoding(s, start, end)) {
        Py_SETREF(text, PyObject_CallOneArg(decode, text));
    }
    return text;
}

/* Appends `item` (a new reference, NULL on an error) to `list`: 0, or -1 on an error. */
static int
append(PyObject *list, PyObject *item)
{
    if (item == NULL) {
        return -1;
    }
    int failed = PyList_Append(list, item);
    Py_DECREF(item);
    return failed;
}

/* The scan of a region given as (region, decode): 0, or -1 on an error. */
static int
scan_of(PyObject *const *args, Py_ssize_t nargs, const char *usage, Scan *s)
{
    if (nargs != 2 || !PyUnicode_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, usage);
        return -1;
    }
    *s = scan(args[0]);
    return 0;
}

PyDoc_STRVAR(strings_doc,
"strings(region, decode)\n--\n\n"
"The shared strings' plain region as `StringsHandler.read_plain` splits it by\n"
"`plain.STRINGS` and decodes it: each `si`'s text, or None where the region is not in that\n"
"form. What `decode` raises, it raises.");

static PyObject *
read_strings(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    Scan s;
    int scanned = scan_of(args, nargs, "strings(str, decode)", &s);
    if (scanned < 0) {
        return NULL;
    }
    PyObject *found = PyList_New(0);
    if (found == NULL) {
        return NULL;
    }
    while (s.at < s.n) {
        if (!take(&s, "<si><t")) {
            goto not_plain;
        }
        take(&s, " xml:space=\"preserve\"");
        PyObject *text;
        if (take(&s, "/>")) {
            text = PyUnicode_New(0, 0);
        }
        else if (!take(&s, ">")) {
            goto not_plain;
        }
        else if ((text = text_then(&s, "</t>", args[1])) == NULL && !PyErr_Occurred()) {
            goto not_plain;
        }
        if (append(found, text) < 0) {
            Py_DECREF(found);
            return NULL;
        }
        if (!take(&s, "</si>")) {
            goto not_plain;
        }
    }
    return found;

not_plain:
    Py_DECREF(found);
    Py_RETURN_NONE;
}

static int
is_name_character(Py_UCS4 c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           c == '_' || c == '.' || c == '\\' || c == '?';
}

PyDoc_STRVAR(names_doc,
"names(region, decode)\n--\n\n"
"The defined names' plain region as `WorkbookHandler.read_plain` splits it by\n"
"`plain.NAMES` and decodes it: (names, the sheet each is scoped to or None, texts), or None\n"
"where the region is not in that form. What `decode` raises, it raises.");

static PyObject *
read_names(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    Scan s;
    int scanned = scan_of(args, nargs, "names(str, decode)", &s);
    if (scanned < 0) {
        return NULL;
    }
    PyObject *names = PyList_New(0), *scopes = PyList_New(0), *texts = PyList_New(0);
    if (names == NULL || scopes == NULL || texts == NULL) {
        goto failed;
    }
    while (s.at < s.n) {
        if (!take(&s, "<definedName name=\"")) {
            goto not_plain;
        }
        Py_ssize_t start = s.at;
        while (s.at < s.n && is_name_character(CH(&s, s.at))) {
            s.at++;
        }
        Py_ssize_t end = s.at;
        if (!take(&s, "\"") || append(names, substring(&s, start, end)) < 0) {
            if (PyErr_Occurred()) {
                goto failed;
            }
            goto not_plain;
        }
        PyObject *scope = Py_NewRef(Py_None);
        Py_ssize_t before = s.at;
        if (take(&s, " localSheetId=\"")) {
            if (take_digits(&s, 9, &start, &end)) {
                Py_SETREF(scope, substring(&s, start, end));
            }
            else {
                s.at = before;  /* not taken: as the pattern's option */
            }
        }
        if (append(scopes, scope) < 0) {
            goto failed;
        }
        before = s.at;
        if (!(take(&s, " hidden=\"") &&
              (take(&s, "0\"") || take(&s, "1\"") || take(&s, "true\"") ||
               take(&s, "false\"")))) {
            s.at = before;
        }
        if (!take(&s, ">")) {
            goto not_plain;
        }
        PyObject *text = text_then(&s, "</definedName>", args[1]);
        if (text == NULL && !PyErr_Occurred()) {
            goto not_plain;
        }
        if (append(texts, text) < 0) {
            goto failed;
        }
    }
    return Py_BuildValue("(NNN)", names, scopes, texts);

not_plain:
    Py_DECREF(names);
    Py_DECREF(scopes);
    Py_DECREF(texts);
    Py_RETURN_NONE;

failed:
    Py_XDECREF(names);
    Py_XDECREF(scopes);
    Py_XDECREF(texts);
    return NULL;
}

static PyMethodDef methods[] = {
    {"read", (PyCFunction)(void (*)(void))read_cells, METH_FASTCALL, read_doc},
    {"strings", (PyCFunction)(void (*)(void))read_strings, METH_FASTCALL, strings_doc},
    {"names", (PyCFunction)(void (*)(void))read_names, METH_FASTCALL, names_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_cells",
    .m_doc = "A sheet's plain cells, the shared strings and the defined names read in C "
             "(see _cells.c and parts.py's handlers).",
    .m_size = -1,
    .m_methods = methods,
};

PyMODINIT_FUNC
PyInit__cells(void)
{
    return PyModule_Create(&module);
}
