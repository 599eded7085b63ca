"""gw2craft-like trading-post data: the item prices and the recipes are module globals filled by load()."""
items = {}
recipes = {}
settings = {"lang": None}

_PRICES = {19721: 120, 19684: 45, 19685: 60, 24277: 300, 19700: 15}
_RECIPES = {
    "mithril_ingot": [(19700, 2)],
    "orichalcum_ingot": [(19685, 2)],
    "glob_of_ectoplasm_salvage": [(19721, 1), (24277, 1)],
    "darksteel_ingot": [(19684, 1), (19700, 1)],
}


def load(lang="en"):
    """Fill the tables (the real script downloads them from the API for the chosen language)."""
    settings["lang"] = lang
    items.clear()
    items.update({item_id: {"buy": price, "lang": lang} for item_id, price in _PRICES.items()})
    recipes.clear()
    recipes.update(_RECIPES)


def craft_cost(recipe_name):
    """Runs in a worker: the cheapest way to craft one item, from the tables."""
    parts = recipes[recipe_name]
    return recipe_name, sum(items[item_id]["buy"] * count for item_id, count in parts)


def expected_costs():
    return {name: sum(_PRICES[i] * n for i, n in parts) for name, parts in _RECIPES.items()}
