"""Named entities (GOV, ORG, PERSON, GPE, LOC): rules, gazetteer and the merge into flat spans."""
