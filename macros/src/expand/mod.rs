//! Code generation: the `ApiError` impl, the catalog constant, the const check of transparent
//! codes, the rustdoc table and the framework impls.

use crate::ast::{Field, Input, Variant};
use crate::attr::Template;
use crate::bound::Bounds;
use crate::errors::Errors;
use crate::escape::json_escape;
use crate::source::Source;
use crate::template::Piece;
use crate::{doc_table, fallback, valid};
use proc_macro2::{Delimiter, Group, Literal, Span, TokenStream};
use quote::{ToTokens, quote, quote_spanned};
use syn::DeriveInput;

/// The derive's entry point on `proc_macro2` tokens, so tests and fuzzers can call it.
pub fn derive(tokens: TokenStream) -> TokenStream {
    let node = match syn::parse2::<DeriveInput>(tokens) {
        Ok(node) => node,
        Err(error) => return error.to_compile_error(),
    };
    let mut errors = Errors::new();
    let input = Input::from_syn(&node, &mut errors);
    if let Some(input) = &input {
        valid::validate(input, &mut errors);
    }
    let krate = input
        .as_ref()
        .and_then(|input| input.attrs.krate.clone())
        .map_or_else(|| quote!(::apierror), ToTokens::into_token_stream);
    match (errors.finish(), &input) {
        (Ok(()), Some(input)) => Expander::new(input, krate).expand(),
        (Err(error), _) => {
            let mut out = error.to_compile_error();
            out.extend(fallback::expand(&node, &krate, input.as_ref()));
            out
        }
        (Ok(()), None) => TokenStream::new(),
    }
}

struct Expander<'a> {
    input: &'a Input<'a>,
    krate: TokenStream,
    private: TokenStream,
}

impl<'a> Expander<'a> {
    fn new(input: &'a Input<'a>, krate: TokenStream) -> Self {
        let private = quote!(#krate::__private);
        Self {
            input,
            krate,
            private,
        }
    }

    fn has_transparent(&self) -> bool {
        self.input.variants.iter().any(Variant::is_transparent)
    }

    fn expand(&self) -> TokenStream {
        let input = self.input;
        let krate = &self.krate;
        let private = &self.private;
        let ident = input.ident;
        let bounds = Bounds::infer(input, private);
        let (impl_generics, ty_generics, _) = input.generics.split_for_impl();
        let where_clause = bounds.where_clause(input.generics);

        let status = self.status();
        let code = self.code();
        let message = self.message();
        let message_json = self.message_json();
        let message_json_len = self.message_json_len();
        let static_parts = self.static_parts();
        let details = self.details();
        let retry_after = self.retry_after();
        let headers = self.headers();
        let docs_url = self.docs_url();
        let format = self.format();
        let domain = self.domain();
        let extensions = self.extensions();
        let tree = self.tree();
        let format_value = {
            let variant = self
                .input
                .attrs
                .format
                .as_ref()
                .map_or(crate::symbol::DEFAULT_FORMAT, |format| format.variant);
            let variant = syn::Ident::new(variant.as_str(), Span::call_site());
            quote!(#private::Format::#variant)
        };

        // A type with transparent variants can receive codes from other types, which only const
        // evaluation can compare; referencing the check constant forces it.
        let (force_check, check_item) = if self.has_transparent() {
            let force = quote!(let () = <Self as #private::HasCatalog>::CHECK;);
            let item = if input.generics.params.is_empty() {
                quote! {
                    const _: () = <#ident as #private::HasCatalog>::CHECK;
                }
            } else {
                TokenStream::new()
            };
            (force, item)
        } else {
            (TokenStream::new(), TokenStream::new())
        };

        let check_const = self.check_const();
        let doc_consts = self.doc_consts();
        let computed_docs = doc_table::computed_docs(input);
        let doc = str_lit(&doc_table::render(input));
        let spec_domain = input
            .attrs
            .domain
            .as_ref()
            .map(|domain| quote!(.domain(#domain)));
        let (docs_url_param, docs_url_call) = match &input.attrs.docs_url {
            Some(_) => (
                quote!(docs_url: &'static ::core::primitive::str,),
                quote!(.docs_url(docs_url)),
            ),
            None => (TokenStream::new(), TokenStream::new()),
        };
        let frameworks = frameworks(input, private, &where_clause);

        quote! {
            #[automatically_derived]
            #[allow(deprecated)]
            impl #impl_generics #krate::ApiError for #ident #ty_generics #where_clause {
                fn status(&self) -> #private::StatusCode {
                    #force_check
                    #status
                }
                fn code(&self) -> &::core::primitive::str {
                    #code
                }
                fn message(&self) -> #private::Cow<'_, ::core::primitive::str> {
                    #message
                }
                #details
                #retry_after
                #headers
                #docs_url
                #format
                #domain
                #extensions
                fn catalog() -> #private::Catalog {
                    #force_check
                    #private::Catalog::from_tree(<Self as #private::HasCatalog>::TREE)
                }
                fn __message_json(&self, __out: &mut #private::MessageWriter<'_>) {
                    #message_json
                }
                fn __message_json_len(&self) -> ::core::primitive::usize {
                    #message_json_len
                }
                fn __static_parts(&self) -> ::core::option::Option<&'static #private::StaticParts> {
                    #static_parts
                }
            }

            // In a block of its own, for short names: the tree is most of what the derive
            // writes, and every token of it costs compile time.
            const _: () = {
                use #private::{CatalogNode as __ApiErrorNode, ErrorSpec as __ApiErrorSpec};
                const __APIERROR_DEFINED_IN: &::core::primitive::str =
                    ::core::concat!(::core::module_path!(), "::", ::core::stringify!(#ident));
                #doc_consts
                /// The entry of one variant: what all have in common written once. The title
                /// is the description unless set apart (a one-paragraph doc comment).
                #[allow(dead_code)]
                const fn __apierror_spec(
                    code: &'static ::core::primitive::str,
                    status: ::core::primitive::u16,
                    description: &'static ::core::primitive::str,
                    variant: &'static ::core::primitive::str,
                    #docs_url_param
                ) -> __ApiErrorSpec {
                    __ApiErrorSpec::new(code, status)
                        .title(description)
                        .description(description)
                        .defined_in(__APIERROR_DEFINED_IN)
                        .variant(variant)
                        #docs_url_call
                        #spec_domain
                }

                #[automatically_derived]
                impl #impl_generics #private::HasCatalog for #ident #ty_generics #where_clause {
                    const TREE: &'static #private::CatalogTree = &#private::CatalogTree::new(
                        __APIERROR_DEFINED_IN,
                        #format_value,
                        &[#tree],
                    );
                    #check_const
                }
            };

            #check_item

            #[doc = #doc]
            #computed_docs
            impl #impl_generics #ident #ty_generics #where_clause {}

            #frameworks
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
            let doc = quote::format_ident!("__APIERROR_DOC_{}", index);
            let title = quote::format_ident!("__APIERROR_TITLE_{}", index);
            let pieces = variant.doc_pieces();
            let fallback = variant.name_in_words();
            consts.extend(quote! {
                const #doc: &::core::primitive::str =
                    #private::doc_text(::core::concat!(#pieces));
                const #title: &::core::primitive::str = {
                    const BYTES: &[::core::primitive::u8] = &#private::doc_title_bytes::<
                        { #private::doc_title_len(#doc) },
                    >(#doc);
                    #private::doc_title(BYTES, #fallback)
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
        let found = quote!(__apierror_found);
        let mut statements = TokenStream::new();
        for (index, variant) in self.input.variants.iter().enumerate() {
            if variant.is_transparent() {
                let span = variant.ident.span();
                let path = respan(private.clone(), span);
                statements.extend(quote_spanned!(span=> #path::check_node(#found, #index);));
            }
        }
        // Any other conflict (none the derive lets through), at the derive.
        quote! {
            const CHECK: () = {
                let #found = #private::find_conflict(<Self as #private::HasCatalog>::TREE);
                #statements
                if let ::core::option::Option::Some(_) = #found {
                    #private::check_tree(<Self as #private::HasCatalog>::TREE);
                }
            };
        }
    }

    /// `match self` with an arm for each variant `arm` gives one, and `_ => rest` for the
    /// others; just `rest` when no variant has an arm of its own, and `match *self {}` for an
    /// enum without variants. Variants that behave alike share the one `_` arm, which keeps
    /// the generated code, and so the compile time, small.
    ///
    /// Patterns, and bodies given as text, are written as source text ([`Source`]); a body
    /// given as tokens keeps its spans.
    fn match_some<F>(&self, mut arm: F, rest: TokenStream) -> TokenStream
    where
        F: FnMut(&'a Variant<'a>) -> Option<Arm<'a>>,
    {
        if self.input.variants.is_empty() {
            return quote!(match *self {});
        }
        let mut arms = TokenStream::new();
        let mut source = Source::new();
        let mut any = false;
        let mut all = true;
        for variant in &self.input.variants {
            let Some(Arm { fields, body }) = arm(variant) else {
                all = false;
                continue;
            };
            any = true;
            match body {
                // Batched with the text arms around it: lexing text costs one call per batch.
                Body::Text(text) => {
                    write_pattern(&mut source, self.input.is_enum, variant, &fields);
                    source.push("{").push(&text).push("}");
                }
                // Written as tokens, the pattern too: a batch of text of its own would cost
                // more than its few tokens.
                Body::Tokens(tokens) => {
                    arms.extend(source.take_tokens());
                    let ident = variant.ident;
                    let path = if self.input.is_enum {
                        quote!(Self::#ident)
                    } else {
                        quote!(Self)
                    };
                    let bindings = fields.iter().map(|field| {
                        let member = &field.member;
                        let binding = &field.binding;
                        quote!(#member: #binding)
                    });
                    arms.extend(quote!(#path { #(#bindings,)* .. } => { #tokens }));
                }
            }
        }
        arms.extend(source.take_tokens());
        if !any {
            return rest;
        }
        if !all {
            arms.extend(quote!(_ => { #rest }));
        }
        // A group made here: `quote!` would copy `arms` token by token.
        let arms = Group::new(Delimiter::Brace, arms);
        quote!(match self #arms)
    }

    /// The derive's [`StaticParts`] of `self`'s variant (in the `_` arms of the methods, which
    /// never see a transparent variant).
    fn parts(&self) -> TokenStream {
        let krate = &self.krate;
        let private = &self.private;
        quote!(#private::known(<Self as #krate::ApiError>::__static_parts(self)))
    }

    fn transparent_field(variant: &'a Variant<'a>) -> Option<&'a Field<'a>> {
        if variant.is_transparent() {
            variant.fields.first()
        } else {
            None
        }
    }

    /// An arm that forwards to the transparent field, or `None` for a normal variant.
    ///
    /// `call` gets the trait to call through, `<FieldType as ApiError>`, so that a wrapped
    /// type that is no `ApiError` is reported at the field's type, and the field's binding.
    fn forward(
        &self,
        variant: &'a Variant<'a>,
        call: impl FnOnce(&TokenStream, &TokenStream) -> TokenStream,
    ) -> Option<Arm<'a>> {
        let field = Self::transparent_field(variant)?;
        let krate = &self.krate;
        let ty = field.ty;
        let through = quote!(<#ty as #krate::ApiError>);
        let binding = field.binding.to_token_stream();
        Some(Arm::new(vec![field], call(&through, &binding)))
    }

    fn status(&self) -> TokenStream {
        let parts = self.parts();
        self.match_some(
            |variant| self.forward(variant, |api, field| quote!(#api::status(#field))),
            quote!(#parts.status()),
        )
    }

    fn code(&self) -> TokenStream {
        let parts = self.parts();
        self.match_some(
            |variant| self.forward(variant, |api, field| quote!(#api::code(#field))),
            quote!(#parts.code()),
        )
    }

    /// What a variant's public message is made of.
    fn message_kind(&self, variant: &'a Variant<'a>) -> MessageKind<'a> {
        if let Some(template) = &variant.attrs.message {
            return MessageKind::Template(template);
        }
        match self.input.status_of(variant) {
            Some(status @ 500..=599) => MessageKind::Generic(status),
            _ => MessageKind::Display,
        }
    }

    /// Whether the runtime writes the variant's message from its catalog entry: a generic
    /// 5xx sentence, or a template whose text the runtime may copy as it is (every brace in
    /// the entry's template belongs to a placeholder, and JSON escapes nothing in the text);
    /// the runtime fills the placeholders with the values the variant's arm hands it. Other
    /// templates get an arm that writes their text pre-escaped.
    fn message_from_catalog(&self, variant: &'a Variant<'a>) -> bool {
        match self.message_kind(variant) {
            MessageKind::Template(template) => template.plain_text,
            MessageKind::Generic(_) => true,
            MessageKind::Display => false,
        }
    }

    /// The message: forwarded, or what `__message_json` writes, without escaping.
    fn message(&self) -> TokenStream {
        let private = &self.private;
        self.match_some(
            |variant| self.forward(variant, |api, field| quote!(#api::message(#field))),
            quote!(#private::message_of(self)),
        )
    }

    /// The message into a JSON string. Most variants leave it to the runtime, which writes
    /// the template of their catalog entry with the values an arm hands it, or the `Display`
    /// text; one short arm each keeps this big `match` cheap to compile. Forwarding arms, and
    /// templates with braces or escapes in their text, write the message themselves (text
    /// pre-escaped) and return.
    ///
    /// Each arm gives an array of the same length (the most placeholders of any template,
    /// padded with `NO_ARG`), by value: a borrowed temporary per arm would cost compile time.
    fn message_json(&self) -> TokenStream {
        let private = &self.private;
        let width = self
            .input
            .variants
            .iter()
            .filter(|variant| !variant.is_transparent() && self.message_from_catalog(variant))
            .filter_map(|variant| variant.attrs.message.as_ref())
            .map(Template::placeholders)
            .max()
            .unwrap_or(0);
        let mut runtime_writes = false;
        let body = self.match_some(
            |variant| {
                if let Some(arm) = self.forward(
                    variant,
                    |api, field| quote!(return #api::__message_json(#field, __out)),
                ) {
                    return Some(arm);
                }
                let MessageKind::Template(template) = self.message_kind(variant) else {
                    runtime_writes = true;
                    return None;
                };
                if self.message_from_catalog(variant) {
                    runtime_writes = true;
                    if template.is_static() {
                        return None;
                    }
                    let (fields, args) = self.args(variant, template, width);
                    return Some(Arm::text(fields, args));
                }
                let mut fields = Vec::new();
                let writes: Vec<TokenStream> = template
                    .pieces
                    .iter()
                    .map(|piece| match piece {
                        Piece::Text(text) => {
                            let escaped = str_lit(&json_escape(text));
                            let text = str_lit(text);
                            quote!(__out.push_static(#text, #escaped);)
                        }
                        Piece::Named(_) | Piece::Index(_) => {
                            let field = self.field_of(variant, piece);
                            let binding = &field.binding;
                            fields.push(field);
                            quote!(__out.push_arg(__ApiErrorInterp(#binding).__apierror_arg());)
                        }
                    })
                    .collect();
                Some(Arm::new(dedup(fields), quote!(#(#writes)* return;)))
            },
            quote!([__APIERROR_NO_ARG; #width]),
        );
        // Imported once for every arm: `__ApiErrorInterp(value).__apierror_arg()` picks
        // the integer and string fast paths, else `Display`.
        let imports = quote! {
            #[allow(unused_imports)]
            use #private::{
                Interp as __ApiErrorInterp, InterpDisplay as _, InterpFast as _,
                NO_ARG as __APIERROR_NO_ARG,
            };
        };
        if !runtime_writes {
            // Every arm returns (or there is none).
            return quote!(#imports #body);
        }
        quote! {
            #imports
            let __args: [#private::Arg<'_>; #width] = #body;
            #private::message_json(self, __out, &__args)
        }
    }

    /// An array of the values of `template`'s placeholders in order, as `Arg`s, padded to
    /// `width` (source text), and the fields they read.
    fn args(
        &self,
        variant: &'a Variant<'a>,
        template: &Template,
        width: usize,
    ) -> (Vec<&'a Field<'a>>, String) {
        let mut fields = Vec::new();
        let mut source = String::from("[");
        for piece in &template.pieces {
            if !matches!(piece, Piece::Text(_)) {
                let field = self.field_of(variant, piece);
                fields.push(field);
                source.push_str("__ApiErrorInterp(");
                source.push_str(&field.binding_text);
                source.push_str(").__apierror_arg(),");
            }
        }
        for _ in template.placeholders()..width {
            source.push_str("__APIERROR_NO_ARG,");
        }
        source.push(']');
        (dedup(fields), source)
    }

    /// About how long the message is, for the body's capacity.
    fn message_json_len(&self) -> TokenStream {
        let parts = self.parts();
        self.match_some(
            |variant| {
                self.forward(
                    variant,
                    |api, field| quote!(#api::__message_json_len(#field)),
                )
            },
            quote!(#parts.message_len()),
        )
    }

    /// The variant's static parts: its catalog entry, found by its position. A transparent
    /// variant asks its field, unless this type has a domain of its own (the field's may be
    /// missing, and the methods combine the two).
    fn static_parts(&self) -> TokenStream {
        let input = self.input;
        if input.variants.is_empty() {
            return quote!(match *self {});
        }
        let private = &self.private;
        let count = input.variants.len();
        let has_domain = input.attrs.domain.is_some();
        // With only transparent variants every arm returns, and nothing follows the match.
        let all_transparent = input.variants.iter().all(Variant::is_transparent);
        let exit = (!all_transparent).then(|| quote!(return));
        let mut index = 0;
        let body = self.match_some(
            |variant| {
                let arm = match Self::transparent_field(variant) {
                    Some(_) if has_domain => Arm::body(quote!(#exit ::core::option::Option::None)),
                    Some(field) => {
                        let krate = &self.krate;
                        let ty = field.ty;
                        let binding = &field.binding;
                        Arm::new(
                            vec![field],
                            quote!(#exit <#ty as #krate::ApiError>::__static_parts(#binding)),
                        )
                    }
                    None => Arm::text(Vec::new(), index.to_string()),
                };
                index += 1;
                Some(arm)
            },
            TokenStream::new(),
        );
        if all_transparent {
            return body;
        }
        quote! {
            let __index: ::core::primitive::usize = #body;
            #private::parts_at(
                const { &#private::StaticParts::table::<#count>(<Self as #private::HasCatalog>::TREE) },
                __index,
            )
        }
    }

    fn details(&self) -> TokenStream {
        let input = self.input;
        let wanted = input.variants.iter().any(|variant| {
            variant.is_transparent()
                || !variant.attrs.details.is_empty()
                || variant.details_field().is_some()
        });
        if !wanted {
            return TokenStream::new();
        }
        let private = &self.private;
        let body = self.match_some(|variant| {
            if let Some(arm) =
                self.forward(variant, |api, field| quote!(#api::details(#field)))
            {
                return Some(arm);
            }
            let statics = &variant.attrs.details;
            let from_field = variant.details_field();
            let all_static = statics
                .iter()
                .all(|detail| detail.templates().all(Template::is_static));
            Some(match (statics.is_empty(), from_field) {
                (true, None) => return None,
                (true, Some(field)) => {
                    let binding = &field.binding;
                    let ty = field.ty;
                    let call = quote_spanned!(ty_span(ty)=> #private::details_of::<#ty>(#binding));
                    Arm::new(vec![field], quote!(#private::Cow::Borrowed(#call)))
                }
                (false, None) if all_static => {
                    let count = statics.len();
                    let details = statics.iter().map(|detail| {
                        let text = |template: &Option<Template>| match template {
                            Some(template) => {
                                let text = template.display_form();
                                quote!(::core::option::Option::Some(#text))
                            }
                            None => quote!(::core::option::Option::None),
                        };
                        let field = text(&detail.field);
                        let reason = detail
                            .reason
                            .as_ref()
                            .map(Template::display_form)
                            .unwrap_or_default();
                        let location = text(&detail.location);
                        let resource = text(&detail.resource);
                        let code = text(&detail.code);
                        quote!(#private::Detail::from_static(#field, #reason, #location, #resource, #code))
                    });
                    Arm::body(quote! {
                        static __DETAILS: [#private::Detail; #count] = [#(#details),*];
                        #private::Cow::Borrowed(&__DETAILS)
                    })
                }
                (false, from_field) => {
                    let mut fields = Vec::new();
                    let count = statics.len();
                    let pushes: Vec<TokenStream> = statics
                        .iter()
                        .map(|detail| {
                            let mut cow = |template: &Template| {
                                let (used, value) = self.cow_from_template(variant, template);
                                fields.extend(used);
                                value
                            };
                            let optional = |value: Option<TokenStream>| match value {
                                Some(value) => quote!(::core::option::Option::Some(#value)),
                                None => quote!(::core::option::Option::None),
                            };
                            let field = optional(detail.field.as_ref().map(&mut cow));
                            let reason = detail.reason.as_ref().map(&mut cow).unwrap_or_default();
                            let location = optional(detail.location.as_ref().map(&mut cow));
                            let resource = optional(detail.resource.as_ref().map(&mut cow));
                            let code = optional(detail.code.as_ref().map(&mut cow));
                            quote! {
                                __details.push(#private::Detail::from_parts(#field, #reason, #location, #resource, #code));
                            }
                        })
                        .collect();
                    let extend = from_field.map(|field| {
                        let binding = &field.binding;
                        let ty = field.ty;
                        fields.push(field);
                        let call =
                            quote_spanned!(ty_span(ty)=> #private::details_of::<#ty>(#binding));
                        quote!(__details.extend_from_slice(#call);)
                    });
                    Arm::new(dedup(fields), quote! {
                            let mut __details = #private::Vec::with_capacity(#count);
                            #(#pushes)*
                            #extend
                            #private::Cow::Owned(__details)
                        })
                }
            })
        }, quote!(#private::Cow::Borrowed(&[])));
        quote! {
            fn details(&self) -> #private::Cow<'_, [#private::Detail]> {
                #body
            }
        }
    }

    fn retry_after(&self) -> TokenStream {
        let wanted = self
            .input
            .variants
            .iter()
            .any(|variant| variant.is_transparent() || variant.retry_after_field().is_some());
        if !wanted {
            return TokenStream::new();
        }
        let private = &self.private;
        let body = self.match_some(
            |variant| {
                if let Some(arm) =
                    self.forward(variant, |api, field| quote!(#api::retry_after(#field)))
                {
                    return Some(arm);
                }
                variant.retry_after_field().map(|field| {
                    let binding = &field.binding;
                    let ty = field.ty;
                    Arm::new(
                        vec![field],
                        quote_spanned!(ty_span(ty)=> #private::retry_after_of::<#ty>(#binding)),
                    )
                })
            },
            quote!(::core::option::Option::None),
        );
        quote! {
            fn retry_after(&self) -> ::core::option::Option<::core::primitive::u64> {
                #body
            }
        }
    }

    fn headers(&self) -> TokenStream {
        let wanted = self
            .input
            .variants
            .iter()
            .any(|variant| variant.is_transparent() || !variant.attrs.headers.is_empty());
        if !wanted {
            return TokenStream::new();
        }
        let private = &self.private;
        let body = self.match_some(|variant| {
            if let Some(arm) =
                self.forward(variant, |api, field| quote!(#api::headers(#field)))
            {
                return Some(arm);
            }
            let mut fields = Vec::new();
            let appends: Vec<TokenStream> = variant
                .attrs
                .headers
                .iter()
                .map(|header| {
                    let name = header.name.value().to_ascii_lowercase();
                    let name = quote!(const { #private::HeaderName::from_static(#name) });
                    if header.value.is_static() {
                        let value = header.value.display_form();
                        quote! {
                            __headers.append(#name, const { #private::HeaderValue::from_static(#value) });
                        }
                    } else {
                        let (used, value) = self.string_from_template(variant, &header.value);
                        fields.extend(used);
                        quote!(#private::append_header(&mut __headers, #name, #value);)
                    }
                })
                .collect();
            if appends.is_empty() {
                return None;
            }
            Some(Arm::new(dedup(fields), quote! {
                    let mut __headers = #private::HeaderMap::new();
                    #(#appends)*
                    __headers
                }))
        }, quote!(#private::HeaderMap::new()));
        quote! {
            fn headers(&self) -> #private::HeaderMap {
                #body
            }
        }
    }

    fn docs_url(&self) -> TokenStream {
        let docs_url = self.input.attrs.docs_url.as_ref();
        if docs_url.is_none() && !self.has_transparent() {
            return TokenStream::new();
        }
        let private = &self.private;
        let parts = self.parts();
        // The URL of each variant is in its catalog entry.
        let rest = match docs_url {
            Some(_) => quote! {
                ::core::option::Option::map(#parts.docs_url(), #private::Cow::Borrowed)
            },
            None => quote!(::core::option::Option::None),
        };
        let body = self.match_some(
            |variant| self.forward(variant, |api, field| quote!(#api::docs_url(#field))),
            rest,
        );
        quote! {
            fn docs_url(&self) -> ::core::option::Option<#private::Cow<'_, ::core::primitive::str>> {
                #body
            }
        }
    }

    fn format(&self) -> TokenStream {
        let Some(format) = &self.input.attrs.format else {
            return TokenStream::new();
        };
        let private = &self.private;
        let variant = syn::Ident::new(format.variant.as_str(), Span::call_site());
        quote! {
            fn format(&self) -> #private::Format {
                #private::Format::#variant
            }
        }
    }

    fn domain(&self) -> TokenStream {
        let domain = self.input.attrs.domain.as_ref();
        if domain.is_none() && !self.has_transparent() {
            return TokenStream::new();
        }
        let own = match domain {
            Some(domain) => quote!(::core::option::Option::Some(#domain)),
            None => quote!(::core::option::Option::None),
        };
        let body = self.match_some(
            |variant| {
                // The wrapped error's domain, else the service's own: the domain names the
                // service.
                self.forward(
                    variant,
                    |api, field| quote!(::core::option::Option::or(#api::domain(#field), #own)),
                )
            },
            own.clone(),
        );
        quote! {
            fn domain(&self) -> ::core::option::Option<&::core::primitive::str> {
                #body
            }
        }
    }

    fn extensions(&self) -> TokenStream {
        let wanted = self.input.variants.iter().any(|variant| {
            variant.is_transparent()
                || variant
                    .fields
                    .iter()
                    .any(|field| !field.attrs.extensions.is_empty())
        });
        if !wanted {
            return TokenStream::new();
        }
        let private = &self.private;
        let body = self.match_some(
            |variant| {
                if let Some(arm) = self.forward(
                    variant,
                    |api, field| quote!(#api::extensions(#field, __visit)),
                ) {
                    return Some(arm);
                }
                let mut fields = Vec::new();
                let mut visits = Vec::new();
                for field in &variant.fields {
                    for extension in &field.attrs.extensions {
                        let name = field.extension_name(extension).unwrap_or_default();
                        let binding = &field.binding;
                        let ty = field.ty;
                        visits.push(quote_spanned! {ty_span(ty)=>
                            __visit(#name, #binding as &dyn #private::Extension);
                        });
                        fields.push(field);
                    }
                }
                (!visits.is_empty()).then(|| Arm::new(dedup(fields), quote!(#(#visits)*)))
            },
            TokenStream::new(),
        );
        quote! {
            fn extensions(&self, __visit: &mut dyn ::core::ops::FnMut(&::core::primitive::str, &dyn #private::Extension)) {
                #body
            }
        }
    }

    /// The nodes of the catalog tree: a spec per variant, a nested tree per transparent one.
    fn tree(&self) -> TokenStream {
        let input = self.input;
        let private = &self.private;
        let mut nodes = TokenStream::new();
        // The entries are text (`source`): no user span is needed in them, and they are
        // most of what the derive writes.
        let mut source = Source::new();
        for (index, variant) in input.variants.iter().enumerate() {
            if let Some(field) = Self::transparent_field(variant) {
                nodes.extend(source.take_tokens());
                let ty = field.ty;
                nodes.extend(quote_spanned! {ty_span(ty)=>
                    __ApiErrorNode::Nested(<#ty as #private::HasCatalog>::TREE),
                });
                continue;
            }
            source
                .push("__ApiErrorNode::Spec(__apierror_spec(")
                .str(variant.code())
                .push(",")
                .display(input.status_of(variant).unwrap_or(500))
                .push(",");
            let computed = variant.docs_need_compiler();
            let (title, description) = if computed {
                // Constants of `doc_consts`, by the variant's position.
                source.push("__APIERROR_DOC_").display(index);
                ("", "")
            } else {
                let description = variant.description();
                source.str(description);
                (variant.title(), description)
            };
            source.push(",").str(&variant.ident_text);
            if let Some(template) = &input.attrs.docs_url {
                source
                    .push(",")
                    .str(&docs_url_for(input, variant, template));
            }
            source.push(")");
            // Only what differs from `ErrorSpec::new`'s defaults: less code to compile.
            if computed {
                source
                    .push(".title(__APIERROR_TITLE_")
                    .display(index)
                    .push(")");
            } else if title != description {
                source.push(".title(").str(title).push(")");
            }
            match self.message_kind(variant) {
                MessageKind::Template(template) => {
                    source
                        .push(".message_template(")
                        .str(&template.display_form())
                        .push(")");
                }
                MessageKind::Generic(status) => {
                    source
                        .push(".message_template(")
                        .tokens(private)
                        .push("::")
                        .display(generic_message_constant(status))
                        .push(")");
                }
                MessageKind::Display => {}
            }
            if variant.retry_after_field().is_some() {
                source.push(".retry_after(true)");
            }
            if !variant.attrs.headers.is_empty() {
                source.push(".headers(&[");
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
                source.push(".extensions(&[").str(&first);
                for name in extensions {
                    source.push(",").str(&name);
                }
                source.push("])");
            }
            if !variant.attrs.details.is_empty() || variant.details_field().is_some() {
                source.push(".has_details(true)");
            }
            source.push("),");
        }
        nodes.extend(source.take_tokens());
        nodes
    }

    fn field_of(&self, variant: &'a Variant<'a>, piece: &Piece) -> &'a Field<'a> {
        // Validation has checked every placeholder names a field.
        variant.field_for(piece).unwrap_or_else(|| {
            variant
                .fields
                .first()
                .unwrap_or_else(|| unreachable!("placeholder validated"))
        })
    }

    /// An expression of type `String` that renders `template`, and the fields it reads.
    fn string_from_template(
        &self,
        variant: &'a Variant<'a>,
        template: &Template,
    ) -> (Vec<&'a Field<'a>>, TokenStream) {
        let private = &self.private;
        let mut fields = Vec::new();
        let mut capacity = 0;
        let pushes: Vec<TokenStream> = template
            .pieces
            .iter()
            .map(|piece| match piece {
                Piece::Text(text) => {
                    capacity += text.len();
                    quote!(__text.push_str(#text);)
                }
                Piece::Named(_) | Piece::Index(_) => {
                    capacity += 16;
                    let field = self.field_of(variant, piece);
                    let binding = &field.binding;
                    fields.push(field);
                    quote!(#private::push_arg(&mut __text, #private::Interp(#binding).__apierror_arg());)
                }
            })
            .collect();
        let value = quote! {{
            use #private::{InterpDisplay as _, InterpFast as _};
            let mut __text = #private::String::with_capacity(#capacity);
            #(#pushes)*
            __text
        }};
        (dedup(fields), value)
    }

    /// An expression of type `Cow<'static, str>` that renders `template`.
    fn cow_from_template(
        &self,
        variant: &'a Variant<'a>,
        template: &Template,
    ) -> (Vec<&'a Field<'a>>, TokenStream) {
        let private = &self.private;
        if template.is_static() {
            let text = template.display_form();
            return (Vec::new(), quote!(#private::Cow::Borrowed(#text)));
        }
        let (fields, value) = self.string_from_template(variant, template);
        (fields, quote!(#private::Cow::Owned(#value)))
    }
}

/// One `match` arm: the fields it binds and its body.
struct Arm<'a> {
    fields: Vec<&'a Field<'a>>,
    body: Body,
}

impl<'a> Arm<'a> {
    fn new(fields: Vec<&'a Field<'a>>, body: TokenStream) -> Self {
        Self {
            fields,
            body: Body::Tokens(body),
        }
    }

    fn body(body: TokenStream) -> Self {
        Self::new(Vec::new(), body)
    }

    /// An arm whose body is source text (see [`Source`]).
    fn text(fields: Vec<&'a Field<'a>>, body: String) -> Self {
        Self {
            fields,
            body: Body::Text(body),
        }
    }
}

/// The body of an arm: tokens, or Rust source text (see [`Source`]).
enum Body {
    Tokens(TokenStream),
    Text(String),
}

/// `Self::Variant { member: binding, .. } =>` (`Self { .. }` for a struct) as source text.
fn write_pattern(source: &mut Source, is_enum: bool, variant: &Variant, fields: &[&Field]) {
    source.push("Self");
    if is_enum {
        source.push("::").push(&variant.ident_text);
    }
    source.push("{");
    for field in fields {
        source
            .push(&field.member_text)
            .push(":")
            .push(&field.binding_text)
            .push(",");
    }
    source.push("..}=>");
}

enum MessageKind<'t> {
    Template(&'t Template),
    Generic(u16),
    Display,
}

fn generic_message_constant(status: u16) -> syn::Ident {
    let name = match status {
        502..=504 => "UNAVAILABLE_MESSAGE",
        _ => "INTERNAL_MESSAGE",
    };
    syn::Ident::new(name, Span::call_site())
}

/// The docs URL of one variant: `{code}` and `{status}` filled in at compile time.
fn docs_url_for(input: &Input, variant: &Variant, template: &Template) -> String {
    let mut url = String::new();
    for piece in &template.pieces {
        match piece {
            Piece::Text(text) => url.push_str(text),
            Piece::Named(name) if name == "code" => url.push_str(variant.code()),
            Piece::Named(_) => {
                url.push_str(&input.status_of(variant).unwrap_or(500).to_string());
            }
            Piece::Index(_) => {}
        }
    }
    url
}

/// A string literal of `text`. The compiler's `proc_macro` escapes it, in the optimized
/// standard library, where a lexer or a loop here would run unoptimized (proc macros are
/// built without optimizations).
fn str_lit(text: &str) -> Literal {
    Literal::string(text)
}

/// The fields without repeats. All come from one variant, so the same field is the same
/// reference (comparing addresses is cheap in the unoptimized macro; names are not).
fn dedup<'a>(mut fields: Vec<&'a Field<'a>>) -> Vec<&'a Field<'a>> {
    let mut seen: Vec<*const Field<'a>> = Vec::new();
    fields.retain(|field| {
        let key: *const Field<'a> = *field;
        if seen.contains(&key) {
            false
        } else {
            seen.push(key);
            true
        }
    });
    fields
}

/// `tokens` with every span, inside groups too, set to `span`.
fn respan(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut token| {
            if let proc_macro2::TokenTree::Group(group) = &token {
                let mut inner = Group::new(group.delimiter(), respan(group.stream(), span));
                inner.set_span(span);
                token = proc_macro2::TokenTree::Group(inner);
            } else {
                token.set_span(span);
            }
            token
        })
        .collect()
}

fn ty_span(ty: &syn::Type) -> Span {
    syn::spanned::Spanned::span(ty)
}

/// The framework impls, each through a runtime macro that expands to nothing unless the
/// runtime's feature for it is on, so the derive itself has no features.
pub fn frameworks(input: &Input, private: &TokenStream, where_clause: &TokenStream) -> TokenStream {
    let ident = input.ident;
    let (impl_generics, ty_generics, _) = input.generics.split_for_impl();
    let args = quote!([#impl_generics] [#ident #ty_generics] [#where_clause]);
    let skip = &input.attrs.skip;
    let mut out = TokenStream::new();
    if !skip.axum {
        out.extend(quote!(#private::impl_axum! { #args }));
    }
    if !skip.actix {
        out.extend(quote!(#private::impl_actix! { #args }));
    }
    if !skip.utoipa {
        out.extend(quote!(#private::impl_utoipa! { #args }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both ways the derive writes a string literal: a token, and source text.
    #[test]
    fn string_literals_hold_the_text_exactly() {
        for text in [
            "",
            "plain",
            "quote \" and \"# and \"## and #\"",
            "single ' quote",
            "r#\"raw\"#",
            "back\\slash \\n not a newline",
            "line\nbreak\ttab \u{0} nul \u{1b} escape \u{7f} del",
            "carriage\rreturn",
            "é 🦀 \u{2028} \u{200b} \u{301} combining \u{feff}",
            "\"###",
            "{braces} {{ }}",
        ] {
            let token: syn::LitStr = syn::parse2(str_lit(text).into_token_stream()).unwrap();
            assert_eq!(token.value(), text, "{text:?}");
            let mut source = Source::new();
            source.str(text);
            let lexed: syn::LitStr = syn::parse2(source.take_tokens()).unwrap();
            assert_eq!(lexed.value(), text, "{text:?}");
        }
    }
}
