"""Browser timing: from pressing Enter in the query box to the three cards (and, where the page has them, their
stars) on screen. Headless chromium against running apps; pages alternate so machine noise hits both alike.

    python bench/enter_to_cards.py http://127.0.0.1:7860 [http://127.0.0.1:7861 ...] [--rounds 12]
"""

from __future__ import annotations

import argparse
import statistics

from playwright.sync_api import sync_playwright

QUERIES = ["sql", "machine learning models in production", "healthcare", "Tableau dashboards", "data quality",
           "python for beginners", "leadership", "dbt", "forecasting", "streaming pipelines", "privacy", "spark"]

# three new cards shown (titles differ from the previous query's: consecutive queries share no top three),
# and each card's star too when the page puts one under it
DONE = """(before) => {
  const titles = Array.from(document.querySelectorAll('#results .hc-card .hc-title')).map(t => t.textContent).join('|');
  return document.querySelectorAll('#results .hc-card').length === 3 && titles !== before &&
    (document.querySelectorAll('.hc-star').length === 0 || document.querySelectorAll('.hc-star input').length === 3);
}"""
TITLES = "() => Array.from(document.querySelectorAll('#results .hc-card .hc-title')).map(t => t.textContent).join('|')"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("urls", nargs="+")
    parser.add_argument("--rounds", type=int, default=12)
    args = parser.parse_args()
    times: dict[str, list[float]] = {u: [] for u in args.urls}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox", "--disable-gpu"])
        pages = {}
        for url in args.urls:
            page = browser.new_page(viewport={"width": 360, "height": 800})
            page.goto(url)
            page.wait_for_selector("#results .hc-note", timeout=60000)
            page.wait_for_timeout(2000)
            pages[url] = page
        for r in range(args.rounds):
            query = QUERIES[r % len(QUERIES)]
            for url in args.urls if r % 2 == 0 else reversed(args.urls):
                page = pages[url]
                box = page.locator("#query input, #query textarea").first
                box.fill(query)
                before = page.evaluate(TITLES)
                start = page.evaluate("performance.now()")
                box.press("Enter")
                page.wait_for_function(DONE, arg=before, timeout=60000, polling="raf")
                times[url].append(page.evaluate("performance.now()") - start)
        browser.close()
    for url, ms in times.items():
        ms_sorted = sorted(ms)
        print(f"{url}: median {statistics.median(ms):.0f} ms, min {ms_sorted[0]:.0f}, max {ms_sorted[-1]:.0f}, n={len(ms)}")


if __name__ == "__main__":
    main()
