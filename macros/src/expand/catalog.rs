//! The catalog: the const tree of the type's entries and its `HasCatalog` impl, the const
//! check of the codes transparent variants bring in, and the rustdoc table.

use super::message::{MessageKind, generic_message_constant};
use super::{Expander, ty_span};
use crate::ast::{Input, Variant};
use crate::attr::Template;
use crate::bound::mentions;
use crate::doc_table;
use crate::source::Source;
use crate::symbol::{
    CHECK, CHECK_GOOGLE_WRAPPED, CODE, DEFAULT_FORMAT, DEFINED_IN, DOC_PREFIX, FOUND, HASHED,
    NESTED, NODE, SPEC, SPEC_FN, TITLE_BYTES, TITLE_PREFIX, TRANSPARENT_TRAIT, TREE,
    WITH_DEFINED_IN, WITH_DESCRIPTION, WITH_DETAIL_CODES, WITH_DETAILS, WITH_DOCS_URL, WITH_DOMAIN,
    WITH_EXAMPLE_RETRY_AFTER, WITH_EXTENSIONS, WITH_GRPC_CODE, WITH_HEADERS, WITH_MESSAGE_TEMPLATE,
    WITH_RETRY_AFTER, WITH_TEMPLATE_SOURCE, WITH_TITLE, WITH_VARIANT, WRAPPED,
};
use crate::symbol::{
    DETAIL_DOC, FIELD_DOC, FIELD_SCHEMA_MACRO, WITH_CODE, WITH_DETAILS_FIELD, WITH_EXAMPLE,
    WITH_EXAMPLE_MESSAGE, WITH_FIELD, WITH_FIELDS, WITH_LOCATION, WITH_MEMBERS, WITH_OPTIONAL,
    WITH_RESOURCE, WITH_SCHEMA, WITH_STATIC_DETAILS,
};
use crate::template::Piece;
use crate::ty::{is_float, option_inner, primitive_example};
use proc_macro2::{Group, Span, TokenStream};
use quote::ToTokens;
use quote::{quote, quote_spanned};
use std::collections::BTreeSet;

impl<'a> Expander<'a> {
    /// What a method that needs the catalog checked starts with: a type with transparent
    /// variants can receive codes from other types, which only const evaluation can compare;
    /// referencing the check constant forces it.
    pub(super) fn force_check(&self) -> TokenStream {
        if !self.has_transparent() {
            return TokenStream::new();
        }
        let private = &self.private;
        quote!(let () = <Self as #private::HasCatalog>::#CHECK;)
    }

    /// The catalog block with `HasCatalog`, the check of a type without generics that has
    /// transparent variants, and the rustdoc table on an empty inherent impl.
    pub(super) fn catalog(&self, where_clause: &TokenStream) -> TokenStream {
        let input = self.input;
        let private = &self.private;
        let ident = input.ident;
        let (impl_generics, ty_generics, _) = input.generics.split_for_impl();
        let format_value = {
            let variant = input
                .attrs
                .format
                .as_ref()
                .map_or(DEFAULT_FORMAT, |format| format.variant);
            quote!(#private::Format::#variant)
        };
        let check_item = if self.has_transparent() && input.generics.params.is_empty() {
            quote! {
                #[allow(deprecated, single_use_lifetimes)]
                const _: () = <#ident as #private::HasCatalog>::#CHECK;
            }
        } else {
            TokenStream::new()
        };
        let check_const = self.check_const();
        let transparent = self.transparent_impl(where_clause);
        let doc_consts = self.doc_consts();
        let tree = self.tree();
        let computed_docs = doc_table::computed_docs(input);
        // Raw, lexed by the compiler: escaping the table here, or in `Literal::string`, costs more.
        let doc = Source::new()
            .raw_str(&doc_table::render(input))
            .take_tokens();
        let spec_domain = input
            .attrs
            .domain
            .as_ref()
            .map(|domain| quote!(.#WITH_DOMAIN(#domain)));
        let (docs_url_param, docs_url_call) = match &input.attrs.docs_url {
            Some(_) => (
                quote!(docs_url: &'static ::core::primitive::str,),
                quote!(.#WITH_DOCS_URL(docs_url)),
            ),
            None => (TokenStream::new(), TokenStream::new()),
        };
        // `SPEC_FN` makes the entry of one variant: what all have in common written once. The
        // title is the description unless set apart (a one-paragraph doc comment).
        quote! {
            // In a block of its own, for short names: the tree is most of what the derive
            // writes, and every token of it costs compile time.
            #[allow(deprecated, single_use_lifetimes)]
            const _: () = {
                use #private::{CatalogNode as #NODE, ErrorSpec as #SPEC};
                const #DEFINED_IN: &::core::primitive::str =
                    ::core::concat!(::core::module_path!(), "::", ::core::stringify!(#ident));
                #doc_consts
                #[allow(dead_code)]
                const fn #SPEC_FN(
                    code: &'static ::core::primitive::str,
                    hash: ::core::primitive::u64,
                    status: ::core::primitive::u16,
                    description: &'static ::core::primitive::str,
                    variant: &'static ::core::primitive::str,
                    #docs_url_param
                ) -> #SPEC {
                    #SPEC::#HASHED(code, status, hash)
                        .#WITH_TITLE(description)
                        .#WITH_DESCRIPTION(description)
                        .#WITH_DEFINED_IN(#DEFINED_IN)
                        .#WITH_VARIANT(variant)
                        #docs_url_call
                        #spec_domain
                }

                #[automatically_derived]
                impl #impl_generics #private::HasCatalog for #ident #ty_generics #where_clause {
                    const #TREE: &'static #private::CatalogTree = &#private::CatalogTree::new(
                        #DEFINED_IN,
                        #format_value,
                        &[#tree],
                    );
                    #check_const
                }

                #transparent
            };

            #check_item

            #[doc = #doc]
            #computed_docs
            #[allow(deprecated, single_use_lifetimes)]
            impl #impl_generics #ident #ty_generics #where_clause {}
        }
    }

    /// `__private::Transparent` for the type, so a `#[transparent]` variant of another type can
    /// wrap it: its tree, and itself as an `ApiError` (the wrapper's one way to its field, so a
    /// field of a type without the impl is one error).
    fn transparent_impl(&self, where_clause: &TokenStream) -> TokenStream {
        let Expander {
            input,
            krate,
            private,
            ..
        } = self;
        let ident = input.ident;
        let (impl_generics, ty_generics, _) = input.generics.split_for_impl();
        quote! {
            #[automatically_derived]
            impl #impl_generics #private::#TRANSPARENT_TRAIT for #ident #ty_generics #where_clause {
                const #NESTED: &'static #private::CatalogTree =
                    <Self as #private::HasCatalog>::#TREE;
                fn #WRAPPED(&self) -> &dyn #krate::ApiError {
                    self
                }
            }
        }
    }

    /// For each variant whose doc attributes the compiler expands (`#[doc =
    /// include_str!("..")]`, `concat!`), its description and title as constants that
    /// evaluate them: `__APIERROR_DOC_{index}` and `__APIERROR_TITLE_{index}`, named by the
    /// variant's position. Nothing for doc comments the derive reads itself.
    fn doc_consts(&self) -> TokenStream {
        let private = &self.private;
        let mut consts = TokenStream::new();
        for (index, variant) in self.input.variants.iter().enumerate() {
            if variant.is_transparent() || !variant.docs_need_compiler() {
                continue;
            }
            let doc = DOC_PREFIX.indexed(index);
            let title = TITLE_PREFIX.indexed(index);
            let pieces = variant.doc_pieces();
            let fallback = variant.name_in_words();
            consts.extend(quote! {
                const #doc: &::core::primitive::str =
                    #private::doc_text(::core::concat!(#pieces));
                const #title: &::core::primitive::str = {
                    const #TITLE_BYTES: &[::core::primitive::u8] = &#private::doc_title_bytes::<
                        { #private::doc_title_len(#doc) },
                    >(#doc);
                    #private::doc_title(#TITLE_BYTES, #fallback)
                };
            });
        }
        consts
    }

    /// The check of the codes the type receives through `#[transparent]` variants, in place
    /// of `HasCatalog::CHECK`'s default: a conflict found in the tree is reported by the
    /// statement of the variant it came in through, spanned by that variant, so the compiler
    /// shows the error in the user's file, at the variant. Nothing for a type without
    /// transparent variants, which nothing checks.
    fn check_const(&self) -> TokenStream {
        if !self.has_transparent() {
            return TokenStream::new();
        }
        let private = &self.private;
        let found = FOUND;
        // A type that declares Google's error model sends what it wraps in its envelope: the
        // wrapped entries must follow AIP-193 too, checked per variant at the variant.
        let google = crate::valid::declares_google_profile(self.input);
        let wrapper = self.input.ident.to_string();
        let mut statements = TokenStream::new();
        for (index, variant) in self.input.variants.iter().enumerate() {
            if let Some(field) = Self::transparent_field(variant) {
                let span = variant.ident.span();
                let path = respan(private, span);
                statements.extend(quote_spanned!(span=> #path::check_node(#found, #index);));
                if google {
                    let ty = field.ty;
                    let check = CHECK_GOOGLE_WRAPPED.spanned(span);
                    let transparent = TRANSPARENT_TRAIT.spanned(span);
                    let nested = NESTED.spanned(span);
                    statements.extend(quote_spanned! {span=>
                        #path::#check(#wrapper, <#ty as #path::#transparent>::#nested);
                    });
                }
            }
        }
        // Any other conflict (none the derive lets through), at the derive.
        quote! {
            const #CHECK: () = {
                let #found = #private::find_conflict(<Self as #private::HasCatalog>::#TREE);
                #statements
                if let ::core::option::Option::Some(_) = #found {
                    #private::check_tree(<Self as #private::HasCatalog>::#TREE);
                }
            };
        }
    }

    /// The nodes of the catalog tree: a spec per variant, a nested tree per transparent one.
    fn tree(&self) -> TokenStream {
        let input = self.input;
        let private = &self.private;
        let mut nodes = TokenStream::new();
        // Type, lifetime and const parameters: a field whose type names one gets no schema
        // (the schema is made in a nested `fn`, which cannot name its parent's parameters).
        let params: BTreeSet<String> = input
            .generics
            .type_params()
            .map(|param| param.ident.to_string())
            .chain(
                input
                    .generics
                    .lifetimes()
                    .map(|param| param.lifetime.ident.to_string()),
            )
            .chain(
                input
                    .generics
                    .const_params()
                    .map(|param| param.ident.to_string()),
            )
            .chain(std::iter::once("Self".to_owned()))
            .collect();
        // The entries are text (`source`): no user span is needed in them, and they are
        // most of what the derive writes.
        let mut source = Source::new();
        for (index, variant) in input.variants.iter().enumerate() {
            if let Some(field) = Self::transparent_field(variant) {
                nodes.extend(source.take_tokens());
                let ty = field.ty;
                let span = ty_span(ty);
                // Named as `quote_spanned!` names its own tokens: spanned by the type.
                let node = NODE.spanned(span);
                let nested = NESTED.spanned(span);
                let transparent = TRANSPARENT_TRAIT.spanned(span);
                nodes.extend(quote_spanned! {span=>
                    #node::Nested(<#ty as #private::#transparent>::#nested),
                });
                continue;
            }
            source
                .push(NODE.as_str())
                .push("::Spec(")
                .push(SPEC_FN.as_str())
                .push("(")
                .str(variant.code())
                .push(",")
                .display(code_hash(variant.code()))
                .push(",")
                .display(input.status_of(variant).unwrap_or(500))
                .push(",");
            let computed = variant.docs_need_compiler();
            let (title, description) = if computed {
                // Constants of `doc_consts`, by the variant's position.
                source.push(DOC_PREFIX.as_str()).display(index);
                ("", "")
            } else {
                let description = variant.description();
                source.str(description);
                (variant.title(), description)
            };
            // The variant's name as Rust spells it in text (`Type` for `r#Type`), as `Debug`
            // and serde write it.
            let name = &variant.ident_text;
            source
                .push(",")
                .str(name.strip_prefix("r#").unwrap_or(name));
            if let Some(template) = &input.attrs.docs_url {
                source
                    .push(",")
                    .str(&docs_url_for(input, variant, template));
            }
            source.push(")");
            // Only what differs from `ErrorSpec::new`'s defaults: less code to compile.
            if computed {
                source
                    .push(".")
                    .push(WITH_TITLE.as_str())
                    .push("(")
                    .push(TITLE_PREFIX.as_str())
                    .display(index)
                    .push(")");
            } else if title != description {
                source
                    .push(".")
                    .push(WITH_TITLE.as_str())
                    .push("(")
                    .str(title)
                    .push(")");
            }
            match self.message_kind(variant) {
                MessageKind::Template(template) => {
                    source
                        .push(".")
                        .push(WITH_MESSAGE_TEMPLATE.as_str())
                        .push("(")
                        .str(&template.display_form())
                        .push(")");
                    // Only a message with a literal brace: documents read the others as
                    // they are.
                    if crate::template::has_literal_brace(&template.pieces) {
                        template_source(&mut source, template);
                    }
                }
                MessageKind::Generic(status) => {
                    source
                        .push(".")
                        .push(WITH_MESSAGE_TEMPLATE.as_str())
                        .push("(")
                        .tokens(private)
                        .push("::")
                        .push(generic_message_constant(status).as_str())
                        .push(")");
                }
                // A 4xx's `#[error("...")]` literal: its `Display` text, which documents show.
                MessageKind::Display => {
                    if let Some(template) = variant.display_template() {
                        template_source(&mut source, template);
                    }
                }
            }
            if let Some(field) = variant.retry_after_field() {
                source
                    .push(".")
                    .push(WITH_RETRY_AFTER.as_str())
                    .push("(true)");
                // The delay the example message shows for the field, in the example's
                // `Retry-After` too (without `#[example]`, both show the runtime's 42).
                let seconds = field.attrs.example.as_ref();
                if let Some(seconds) = seconds.and_then(|example| example.json.parse::<u64>().ok())
                {
                    source
                        .push(".")
                        .push(WITH_EXAMPLE_RETRY_AFTER.as_str())
                        .push("(")
                        .push(&seconds.to_string())
                        .push(")");
                }
            }
            if !variant.attrs.headers.is_empty() {
                source.push(".").push(WITH_HEADERS.as_str()).push("(&[");
                for header in &variant.attrs.headers {
                    source.str(&header.name.value()).push(",");
                }
                source.push("])");
            }
            let mut extensions = variant.fields.iter().flat_map(|field| {
                field
                    .attrs
                    .extensions
                    .iter()
                    .map(|extension| field.extension_name(extension).unwrap_or_default())
            });
            if let Some(first) = extensions.next() {
                source
                    .push(".")
                    .push(WITH_EXTENSIONS.as_str())
                    .push("(&[")
                    .str(&first);
                for name in extensions {
                    source.push(",").str(&name);
                }
                source.push("])");
            }
            if !variant.attrs.details.is_empty() || variant.details_field().is_some() {
                source.push(".").push(WITH_DETAILS.as_str()).push("(true)");
            }
            // The details' codes, when all are known here (for the translations' checks).
            if variant.details_field().is_none()
                && variant
                    .attrs
                    .details
                    .iter()
                    .all(|detail| detail.code.as_ref().is_none_or(Template::is_static))
                && !variant.attrs.details.is_empty()
            {
                source
                    .push(".")
                    .push(WITH_DETAIL_CODES.as_str())
                    .push("(&[");
                let mut codes: Vec<String> = Vec::new();
                for code in variant
                    .attrs
                    .details
                    .iter()
                    .filter_map(|detail| detail.code.as_ref())
                {
                    let code = code.display_form();
                    if !codes.contains(&code) {
                        codes.push(code);
                    }
                }
                for code in &codes {
                    source.str(code).push(",");
                }
                source.push("])");
            }
            self.example_message(&mut source, variant);
            self.detail_docs(&mut source, variant);
            self.field_docs(&mut source, variant, &params);
            if let Some(code) = self.input.grpc_code_of(variant) {
                source
                    .push(".")
                    .push(WITH_GRPC_CODE.as_str())
                    .push("(")
                    .str(&code)
                    .push(")");
            }
            source.push("),");
        }
        nodes.extend(source.take_tokens());
        nodes
    }
}

impl Expander<'_> {
    /// `.with_example_message("...")`: the message template with each placeholder of a field
    /// that is not an extension member filled in at compile time (see [`example_text`]); a
    /// member's placeholder is kept, for documents to fill with the member's example. Nothing
    /// for a message without placeholders. A 4xx without `#[message]` sends its `Display`
    /// text: when that is thiserror's `#[error("...")]` literal in the template language
    /// (every placeholder a field of the variant), the literal filled the same way, even
    /// without placeholders (documents show the title otherwise).
    fn example_message(&self, source: &mut Source, variant: &Variant) {
        let display;
        let template = match self.message_kind(variant) {
            MessageKind::Template(template) if !template.is_static() => template,
            MessageKind::Display => {
                let usable = variant.attrs.display.and_then(Template::from_display);
                display = match usable {
                    Some(template) => template,
                    None => return,
                };
                &display
            }
            _ => return,
        };
        let Some(text) = example_text(variant, template) else {
            return;
        };
        source
            .push(".")
            .push(WITH_EXAMPLE_MESSAGE.as_str())
            .push("(")
            .str(&text)
            .push(")");
    }

    /// `.with_static_details(&[...])`: each `#[detail]` as a `DetailDoc` whose texts are
    /// filled like the example message; `.with_details_field(true)` for a `#[details]` field.
    /// Nothing for a variant without either.
    fn detail_docs(&self, source: &mut Source, variant: &Variant) {
        if !variant.attrs.details.is_empty() {
            source
                .push(".")
                .push(WITH_STATIC_DETAILS.as_str())
                .push("(&[");
            for detail in &variant.attrs.details {
                let text = |template: &Option<Template>| {
                    template
                        .as_ref()
                        .map(|template| example_text(variant, template).unwrap_or_default())
                };
                source
                    .tokens(&self.private)
                    .push("::")
                    .push(DETAIL_DOC.as_str())
                    .push("::new(")
                    .str(&text(&detail.reason).unwrap_or_default())
                    .push(")");
                for (builder, part) in [
                    (WITH_FIELD, &detail.field),
                    (WITH_LOCATION, &detail.location),
                    (WITH_RESOURCE, &detail.resource),
                    (WITH_CODE, &detail.code),
                ] {
                    if let Some(part) = text(part) {
                        source
                            .push(".")
                            .push(builder.as_str())
                            .push("(")
                            .str(&part)
                            .push(")");
                    }
                }
                source.push(",");
            }
            source.push("])");
        }
        if variant.details_field().is_some() {
            source
                .push(".")
                .push(WITH_DETAILS_FIELD.as_str())
                .push("(true)");
        }
    }

    /// `.with_fields(&[...])`: a `FieldDoc` for each `#[extension]` field, in declaration
    /// order (members, example, whether an `Option`, the type's schema); nothing when there is
    /// none.
    fn field_docs(&self, source: &mut Source, variant: &Variant, params: &BTreeSet<String>) {
        let private = &self.private;
        let mut first = true;
        for field in &variant.fields {
            let mut members = field.attrs.extensions.iter();
            let Some(member) = members.next() else {
                continue;
            };
            if first {
                source.push(".").push(WITH_FIELDS.as_str()).push("(&[");
                first = false;
            }
            source
                .tokens(private)
                .push("::")
                .push(FIELD_DOC.as_str())
                .push("::new(")
                .str(field.name().unwrap_or(&field.member_text))
                .push(").")
                .push(WITH_MEMBERS.as_str())
                .push("(&[")
                .str(&field.extension_name(member).unwrap_or_default());
            for member in members {
                source
                    .push(",")
                    .str(&field.extension_name(member).unwrap_or_default());
            }
            source.push("])");
            if let Some(example) = &field.attrs.example {
                source
                    .push(".")
                    .push(WITH_EXAMPLE.as_str())
                    .push("(")
                    .str(&example.json)
                    .push(")");
            }
            let (optional, ty) = match option_inner(field.ty) {
                Some(inner) => (true, inner),
                None => (is_float(field.ty), field.ty),
            };
            if optional {
                source.push(".").push(WITH_OPTIONAL.as_str()).push("(true)");
            }
            if !mentions(ty.to_token_stream(), params) {
                source
                    .push(".")
                    .push(WITH_SCHEMA.as_str())
                    .push("(")
                    .tokens(private)
                    .push("::")
                    .push(FIELD_SCHEMA_MACRO.as_str())
                    .push("!(")
                    .tokens(&ty.to_token_stream())
                    .push("))");
            }
            source.push(",");
        }
        if !first {
            source.push("])");
        }
    }
}

/// `.with_template_source("...")`: `template` in template syntax, braces of its text doubled
/// (`ErrorSpec::template_source`), for documents.
fn template_source(source: &mut Source, template: &Template) {
    source
        .push(".")
        .push(WITH_TEMPLATE_SOURCE.as_str())
        .push("(")
        .str(&crate::template::source_form(&template.pieces))
        .push(")");
}

/// `template` as examples show it: each placeholder of a field that is not an extension member
/// filled with its example (its `#[example]`, else 42, 1.5 or `true` for a primitive integer,
/// float or `bool`, else the field's name); a member's placeholder kept (`{name}`). `None` when a
/// placeholder names no field of the variant.
fn example_text(variant: &Variant, template: &Template) -> Option<String> {
    let mut text = String::new();
    for piece in &template.pieces {
        let field = match piece {
            Piece::Text(part) => {
                text.push_str(part);
                continue;
            }
            _ => variant.field_for(piece)?,
        };
        let name = field.name().unwrap_or(&field.member_text);
        if !field.attrs.extensions.is_empty() {
            text.push('{');
            text.push_str(name);
            text.push('}');
        } else if let Some(example) = &field.attrs.example {
            text.push_str(&example.text);
        } else {
            let ty = option_inner(field.ty).unwrap_or(field.ty);
            text.push_str(primitive_example(ty).unwrap_or(name));
        }
    }
    Some(text)
}

/// The docs URL of one variant: `{code}` and `{status}` filled in at compile time.
fn docs_url_for(input: &Input, variant: &Variant, template: &Template) -> String {
    let mut url = String::new();
    for piece in &template.pieces {
        match piece {
            Piece::Text(text) => url.push_str(text),
            Piece::Named(name) if *name == CODE => url.push_str(variant.code()),
            Piece::Named(_) => {
                url.push_str(&input.status_of(variant).unwrap_or(500).to_string());
            }
            Piece::Index(_) => {}
        }
    }
    url
}

/// `tokens` with every span, inside groups too, set to `span`.
fn respan(tokens: &TokenStream, span: Span) -> TokenStream {
    tokens
        .clone()
        .into_iter()
        .map(|mut token| {
            if let proc_macro2::TokenTree::Group(group) = &token {
                let mut inner = Group::new(group.delimiter(), respan(&group.stream(), span));
                inner.set_span(span);
                token = proc_macro2::TokenTree::Group(inner);
            } else {
                token.set_span(span);
            }
            token
        })
        .collect()
}

/// FNV-1a of `code`, as the runtime's `catalog::check::code_hash` computes it: each entry
/// carries it, so const evaluation looks codes up without hashing them byte by byte (about
/// 28,000 compiler instructions a byte), which made a catalog of 5,000 long codes take seconds.
pub fn code_hash(code: &str) -> u64 {
    code.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    /// The runtime's `code_hash` gives the same for this code (runtime/src/catalog/check.rs).
    #[test]
    fn code_hash_is_fnv1a() {
        assert_eq!(super::code_hash("TASK_NOT_FOUND"), 0xc0d1_15eb_ef46_7d75);
        assert_eq!(super::code_hash(""), 0xcbf2_9ce4_8422_2325);
    }
}
