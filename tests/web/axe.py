"""Run axe-core (from npm, pinned in package.json) in a Playwright page.

axe-core is not a Python package: `npm ci` at the repo root puts it in
node_modules/, and the accessibility tests skip with that reason when it is
absent. The page must come from a browser context made with bypass_csp=True,
because the app's Content-Security-Policy forbids injected scripts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")  # impacts that fail a test; "minor" and "moderate" are only reported

_RUN = """async () => {
  const results = await axe.run(document, {resultTypes: ['violations']});
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    targets: v.nodes.map(n => n.target.join(' ')),
  }));
}"""


def axe_path() -> Path:
    """The axe-core script; skips the test with the reason when npm has not installed it."""
    if not AXE_JS.exists():
        pytest.skip(f"axe-core not found at {AXE_JS.relative_to(ROOT)} (run `npm ci` at the repo root)")
    return AXE_JS


def violations(page: Any) -> list[dict[str, Any]]:
    """Every axe violation on the page as it is now: id, impact, help, helpUrl and target selectors."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_path()))
    return page.evaluate(_RUN)  # type: ignore[no-any-return]


def blocking(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [v for v in found if v["impact"] in BLOCKING]


def describe(found: list[dict[str, Any]], targets: int = 3) -> str:
    """One line per violation: rule id, impact, help text, the first few target selectors."""
    lines = []
    for v in found:
        shown = "; ".join(v["targets"][:targets])
        more = f" (+{len(v['targets']) - targets} more)" if len(v["targets"]) > targets else ""
        lines.append(f"  {v['id']} [{v['impact']}]: {v['help']} -> {shown}{more}  ({v['helpUrl']})")
    return "\n".join(lines)
