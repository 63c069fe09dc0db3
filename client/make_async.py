"""Writes the asyncio twin of the hand-written client: `python client/make_async.py > client/tracking_plans/aio.py`.

`AsyncTrackingPlans` has the same groups, methods and documentation as `TrackingPlans`, so it is derived from
client.py rather than kept by hand (as httpcore derives its sync code from its async code): each method that makes a
call becomes `async def` and awaits it; pagers, transports and the client take their async names. `make client` runs
it and `make drift` checks aio.py is what it writes. Only the standard library is needed.
"""

import ast
import sys
from pathlib import Path

SOURCE = Path(__file__).parent / "tracking_plans" / "client.py"
AWAITED = {"self._t.run", "self._write", "self._workspace", "self._workspaces.get", "self.close"}
"""Calls that reach the network (directly or through a method that does): awaited in the twin."""
RENAMED = {
    "Pager": "AsyncPager",
    "Transport": "AsyncTransport",
    "TrackingPlans": "AsyncTrackingPlans",
    "__enter__": "__aenter__",
    "__exit__": "__aexit__",
}
HEADER = """`AsyncTrackingPlans`: `TrackingPlans` for asyncio, the same groups and methods, awaited.

Written by client/make_async.py from client.py (`make client`); edit client.py, not this file.
"""


def dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{dotted(node.value)}.{node.attr}"
    return ""


def awaits_directly(function: ast.FunctionDef) -> bool:
    """Whether the function's own body (not a function nested in it) awaits something."""
    pending: list[ast.AST] = list(function.body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Await):
            return True
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            pending.extend(ast.iter_child_nodes(node))
    return False


class Asyncify(ast.NodeTransformer):
    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        name = dotted(node.func)
        if name == "self._transport.http.close":
            assert isinstance(node.func, ast.Attribute)
            node.func.attr = "aclose"
            return ast.Await(node)
        return ast.Await(node) if name in AWAITED else node

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.AST:
        self.generic_visit(node)
        if not (awaits_directly(node) or node.name in ("__enter__", "__exit__")):
            return node
        fields = {field: getattr(node, field) for field in node._fields}
        fields["name"] = RENAMED.get(node.name, node.name)
        return ast.copy_location(ast.AsyncFunctionDef(**fields), node)

    def visit_ClassDef(self, node: ast.ClassDef) -> ast.AST:
        self.generic_visit(node)
        node.name = RENAMED.get(node.name, node.name)
        return node

    def visit_Name(self, node: ast.Name) -> ast.AST:
        node.id = RENAMED.get(node.id, node.id)
        return node

    def visit_ImportFrom(self, node: ast.ImportFrom) -> ast.AST:
        for alias in node.names:
            alias.name = RENAMED.get(alias.name, alias.name)
        return node


def main() -> None:
    module = Asyncify().visit(ast.parse(SOURCE.read_text()))
    assert isinstance(module, ast.Module)
    module.body[0] = ast.Expr(ast.Constant(HEADER))
    sys.stdout.write(ast.unparse(ast.fix_missing_locations(module)) + "\n")


if __name__ == "__main__":
    main()
