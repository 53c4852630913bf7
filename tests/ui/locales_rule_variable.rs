// `.length` may use `$field`, `$min`, `$max` and `$equal`: `$minimum` is none of them.
apierror::locales!(
    LOCALES = [apierror::validation::ValidationFailed],
    "locales/rule_variable"
);

fn main() {}
