"""Innovation budgets (second scheme): networks, pupil counts, theme budgets and support questions.

One module per part: find (the stored rows a name refers to), year_data (what a school year holds of its own or
takes over, and opening it), network_budgets (each network's budget per theme and what is committed of it),
regional_networks (networks, their schools per year, pupil counts), theme_settings (themes and their amounts per
year), support_questions (a question and its status steps). Import from the module itself.

Every function takes a Session, never commits, and returns plain frozen dataclasses. Budgets and network
membership of a year that has not been opened are shown with their defaults (the theme's standard amount, the
latest earlier year's membership) without writing; `open_year` stores them, and every change opens the year
first, so a change in one school year never moves the figures of another. A network budget without an amount
of its own follows its theme's standard of that year. Refusals leave the database unchanged
because the caller's transaction is rolled back.
"""
