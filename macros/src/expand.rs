//! Code generation: the `ApiError` impl, the catalog constant, the const check of transparent
//! codes, the rustdoc table and the framework impls.

use crate::ast::{Field, Input, Variant};
use crate::attr::Template;
use crate::bound::Bounds;
use crate::errors::Errors;
use crate::escape::json_escape;
use crate::template::Piece;
use crate::{doc_table, fallback, valid};
use proc_macro2::{Literal, Span, TokenStream};
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
                .map_or("Flat", |format| format.variant);
            let variant = syn::Ident::new(variant, Span::call_site());
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
                }
            };

            #check_item

            #[doc = #doc]
            impl #impl_generics #ident #ty_generics #where_clause {}

            #frameworks
        }
    }

    /// `match self` with an arm for each variant `arm` gives one, and `_ => rest` for the
    /// others; just `rest` when no variant has an arm of its own, and `match *self {}` for an
    /// enum without variants. Variants that behave alike share the one `_` arm, which keeps
    /// the generated code, and so the compile time, small.
    fn match_some<F>(&self, mut arm: F, rest: TokenStream) -> TokenStream
    where
        F: FnMut(&'a Variant<'a>) -> Option<Arm<'a>>,
    {
        if self.input.variants.is_empty() {
            return quote!(match *self {});
        }
        let mut arms = Vec::new();
        let mut all = true;
        for variant in &self.input.variants {
            let Some(Arm { fields, body }) = arm(variant) else {
                all = false;
                continue;
            };
            let path = &variant.path;
            let bindings = fields.iter().map(|field| {
                let member = &field.member;
                let binding = &field.binding;
                quote!(#member: #binding)
            });
            arms.push(quote!(#path { #(#bindings,)* .. } => { #body }));
        }
        if arms.is_empty() {
            return rest;
        }
        let rest = (!all).then(|| quote!(_ => { #rest }));
        quote!(match self { #(#arms)* #rest })
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
        Some(Arm {
            fields: vec![field],
            body: call(&through, &binding),
        })
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

    /// Whether the runtime finds the variant's message, static, in its catalog entry: a
    /// generic 5xx sentence, or a template without placeholders whose text has no brace (the
    /// rule of `StaticParts::of`).
    fn message_in_catalog(&self, variant: &'a Variant<'a>) -> bool {
        match self.message_kind(variant) {
            MessageKind::Template(template) => {
                template.is_static() && !template.display_form().contains(['{', '}'])
            }
            MessageKind::Generic(_) => true,
            MessageKind::Display => false,
        }
    }

    /// The message: forwarded, the `Display` text, or (static text or filled-in template)
    /// what `__message_json` writes, without escaping.
    fn message(&self) -> TokenStream {
        let private = &self.private;
        self.match_some(
            |variant| {
                if let Some(arm) = self.forward(variant, |api, field| quote!(#api::message(#field)))
                {
                    return Some(arm);
                }
                matches!(self.message_kind(variant), MessageKind::Display).then(|| {
                    Arm::body(quote!(#private::Cow::Owned(#private::display_string(self))))
                })
            },
            quote!(#private::message_of(self)),
        )
    }

    /// The message into a JSON string: static pieces pre-escaped, values escaped at run time.
    /// Messages the catalog holds share one arm that writes them from there.
    fn message_json(&self) -> TokenStream {
        let private = &self.private;
        let parts = self.parts();
        let body = self.match_some(
            |variant| {
                if let Some(arm) = self.forward(
                    variant,
                    |api, field| quote!(#api::__message_json(#field, __out)),
                ) {
                    return Some(arm);
                }
                if self.message_in_catalog(variant) {
                    return None;
                }
                Some(match self.message_kind(variant) {
                    MessageKind::Template(template) => {
                        let mut fields = Vec::new();
                        let writes: Vec<TokenStream> = template
                            .pieces
                            .iter()
                            .map(|piece| match piece {
                                Piece::Text(text) => {
                                    let escaped = json_escape(text);
                                    if escaped == *text {
                                        let text = str_lit(text);
                                        quote!(__out.push_static(#text, #text);)
                                    } else {
                                        let escaped = str_lit(&escaped);
                                        let text = str_lit(text);
                                        quote!(__out.push_static(#text, #escaped);)
                                    }
                                }
                                Piece::Named(_) | Piece::Index(_) => {
                                    let field = self.field_of(variant, piece);
                                    let binding = &field.binding;
                                    fields.push(field);
                                    quote!((&__ApiErrorInterp(#binding)).__apierror_write(__out);)
                                }
                            })
                            .collect();
                        Arm {
                            fields: dedup(fields),
                            body: quote!(#(#writes)*),
                        }
                    }
                    // Generic sentences are written from the catalog (`message_in_catalog`).
                    MessageKind::Generic(_) => return None,
                    MessageKind::Display => Arm::body(quote!(__out.push_display(self);)),
                })
            },
            quote!(__out.push_str(#parts.message().unwrap_or_default());),
        );
        // Imported once for every arm: `(&__ApiErrorInterp(value)).__apierror_write(..)` picks
        // the integer and string fast paths, else `Display`.
        quote! {
            #[allow(unused_imports)]
            use #private::{Interp as __ApiErrorInterp, InterpDisplay as _, InterpFast as _};
            #body
        }
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
        let arms = input.variants.iter().enumerate().map(|(index, variant)| {
            let path = &variant.path;
            match Self::transparent_field(variant) {
                Some(_) if has_domain => {
                    quote!(#path { .. } => #exit ::core::option::Option::None,)
                }
                Some(field) => {
                    let krate = &self.krate;
                    let ty = field.ty;
                    let member = &field.member;
                    let binding = &field.binding;
                    quote!(#path { #member: #binding, .. } => #exit <#ty as #krate::ApiError>::__static_parts(#binding),)
                }
                None => quote!(#path { .. } => #index,),
            }
        });
        if all_transparent {
            return quote!(match self { #(#arms)* });
        }
        quote! {
            let __index: ::core::primitive::usize = match self { #(#arms)* };
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
                    Arm {
                        fields: vec![field],
                        body: quote!(#private::Cow::Borrowed(#call)),
                    }
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
                    Arm {
                        fields: dedup(fields),
                        body: quote! {
                            let mut __details = #private::Vec::with_capacity(#count);
                            #(#pushes)*
                            #extend
                            #private::Cow::Owned(__details)
                        },
                    }
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
                Arm {
                    fields: vec![field],
                    body: quote_spanned!(ty_span(ty)=> #private::retry_after_of::<#ty>(#binding)),
                }
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
            Some(Arm {
                fields: dedup(fields),
                body: quote! {
                    let mut __headers = #private::HeaderMap::new();
                    #(#appends)*
                    __headers
                },
            })
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
        let variant = syn::Ident::new(format.variant, Span::call_site());
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
                (!visits.is_empty()).then(|| Arm {
                    fields: dedup(fields),
                    body: quote!(#(#visits)*),
                })
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
        let nodes = input.variants.iter().map(|variant| {
            if let Some(field) = Self::transparent_field(variant) {
                let ty = field.ty;
                return quote_spanned! {ty_span(ty)=>
                    __ApiErrorNode::Nested(<#ty as #private::HasCatalog>::TREE)
                };
            }
            let code = str_lit(&variant.code());
            let status = input.status_of(variant).unwrap_or(500);
            let title = variant.title();
            let description = variant.description();
            let title = (title != description).then(|| {
                let title = str_lit(&title);
                quote!(.title(#title))
            });
            let description = str_lit(&description);
            let template = match self.message_kind(variant) {
                MessageKind::Template(template) => {
                    let text = str_lit(&template.display_form());
                    quote!(.message_template(#text))
                }
                MessageKind::Generic(status) => {
                    let constant = generic_message_constant(status);
                    quote!(.message_template(#private::#constant))
                }
                MessageKind::Display => TokenStream::new(),
            };
            let variant_name = str_lit(&variant.ident.to_string());
            // Only what differs from `ErrorSpec::new`'s defaults: less code to compile.
            let retry_after = variant
                .retry_after_field()
                .is_some()
                .then(|| quote!(.retry_after(true)));
            let headers: Vec<String> = variant
                .attrs
                .headers
                .iter()
                .map(|header| header.name.value())
                .collect();
            let headers = (!headers.is_empty()).then(|| quote!(.headers(&[#(#headers),*])));
            let extensions: Vec<String> = variant
                .fields
                .iter()
                .flat_map(|field| {
                    field
                        .attrs
                        .extensions
                        .iter()
                        .map(|extension| field.extension_name(extension).unwrap_or_default())
                })
                .collect();
            let extensions =
                (!extensions.is_empty()).then(|| quote!(.extensions(&[#(#extensions),*])));
            let has_details = (!variant.attrs.details.is_empty()
                || variant.details_field().is_some())
            .then(|| quote!(.has_details(true)));
            let docs_url = input.attrs.docs_url.as_ref().map(|template| {
                let url = str_lit(&docs_url_for(input, variant, template));
                quote!(, #url)
            });
            quote! {
                __ApiErrorNode::Spec(
                    &__apierror_spec(#code, #status, #description, #variant_name #docs_url)
                        #title
                        #template
                        #retry_after
                        #headers
                        #extensions
                        #has_details
                )
            }
        });
        quote!(#(#nodes),*)
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
                    quote!((&#private::Interp(#binding)).__apierror_push(&mut __text);)
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
    body: TokenStream,
}

impl Arm<'_> {
    fn body(body: TokenStream) -> Self {
        Self {
            fields: Vec::new(),
            body,
        }
    }
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
            Piece::Named(name) if name == "code" => url.push_str(&variant.code()),
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

    #[test]
    fn string_literals_hold_the_text_exactly() {
        for text in [
            "",
            "plain",
            "quote \" and \"# and \"## and #\"",
            "r#\"raw\"#",
            "back\\slash \\n not a newline",
            "line\nbreak\ttab \u{0} nul",
            "carriage\rreturn",
            "é 🦀 \u{2028}",
            "\"###",
        ] {
            let literal: syn::LitStr = syn::parse2(str_lit(text).into_token_stream()).unwrap();
            assert_eq!(literal.value(), text, "{text:?}");
        }
    }
}
