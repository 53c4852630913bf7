//! The `ApiError` impl: its methods, each a `match` over the variants (see
//! [`Expander::match_some`]); those about the message are in `message`.

use super::{Arm, Expander, dedup, ty_span};
use crate::ast::Variant;
use crate::attr::Template;
use crate::symbol::{
    DETAILS_STATIC, DETAILS_VEC, GOOGLE_DETAILS, GOOGLE_HELP_PASSED_ON, GRPC_CODE, HEADERS, INDEX,
    LOCALIZED_REASONS, MESSAGE_JSON, MESSAGE_JSON_LEN, MESSAGE_PARTS, OUT, PARTS_WITH_DOMAIN,
    PHRASE, STATIC_PARTS, TREE, VISIT,
};
use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};

impl<'a> Expander<'a> {
    /// `impl ApiError for Type`, with the methods every type has and those some variant needs
    /// (the trait's defaults serve the others).
    pub(super) fn api_error_impl(&self, where_clause: &TokenStream) -> TokenStream {
        let input = self.input;
        let krate = &self.krate;
        let private = &self.private;
        let ident = input.ident;
        let (impl_generics, ty_generics, _) = input.generics.split_for_impl();
        let force_check = self.force_check();
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
        let grpc_code = self.grpc_code();
        let passed_on = self.passed_on();
        let message_parts = self.message_parts();
        quote! {
            #[automatically_derived]
            #[allow(deprecated, single_use_lifetimes)]
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
                #grpc_code
                #passed_on
                #message_parts
                fn catalog() -> #private::Catalog {
                    #force_check
                    #private::Catalog::from_tree(<Self as #private::HasCatalog>::#TREE)
                }
                fn #MESSAGE_JSON(&self, #OUT: &mut #private::MessageWriter<'_>) {
                    #message_json
                }
                fn #MESSAGE_JSON_LEN(&self) -> ::core::primitive::usize {
                    #message_json_len
                }
                fn #STATIC_PARTS(&self) -> ::core::option::Option<&'static #private::StaticParts> {
                    #static_parts
                }
            }
        }
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

    /// `__grpc_code`, only for a type with a transparent variant: the runtime's default reads
    /// the static parts, which miss the wrapped error's code when this type has a domain of its
    /// own (they do not ask the wrapped error, see [`Self::static_parts`]) or when the wrapped
    /// error has none (a `RemoteError`, which keeps the code its upstream answered with). Each
    /// transparent variant asks its field; the others say their own code, known here.
    fn grpc_code(&self) -> TokenStream {
        let input = self.input;
        if !self.has_transparent() {
            return TokenStream::new();
        }
        let body = self.match_some(
            |variant| {
                self.forward(variant, |api, field| quote!(#api::#GRPC_CODE(#field)))
                    .or_else(|| {
                        let code = input.grpc_code_of(variant);
                        let code = match code {
                            Some(code) => quote!(::core::option::Option::Some(#code)),
                            None => quote!(::core::option::Option::None),
                        };
                        Some(Arm::body(code))
                    })
            },
            TokenStream::new(),
        );
        quote! {
            fn #GRPC_CODE(&self) -> ::core::option::Option<&'static ::core::primitive::str> {
                #body
            }
        }
    }

    /// `__message_parts`, only for a type with a transparent variant: the wrapped error's
    /// message parts, so its message is still filled from its template, recorded for Google's
    /// metadata and translated when its static parts are `None`: this type has a domain of its
    /// own and the wrapped error none (see [`Self::static_parts`]), or the wrapped error is
    /// such a type itself (a type without a domain wrapping one with a domain wrapping one
    /// without: the runtime's default, the static parts, would be `None` two levels down).
    fn message_parts(&self) -> TokenStream {
        if !self.has_transparent() {
            return TokenStream::new();
        }
        let private = &self.private;
        let krate = &self.krate;
        let body = self.match_some(
            |variant| self.forward(variant, |api, field| quote!(#api::#MESSAGE_PARTS(#field))),
            quote!(<Self as #krate::ApiError>::#STATIC_PARTS(self)),
        );
        quote! {
            fn #MESSAGE_PARTS(
                &self,
            ) -> ::core::option::Option<&'static #private::StaticParts> {
                #body
            }
        }
    }

    /// What a wrapped upstream error passes on, only for a type with a transparent variant:
    /// `__google_details`, `__google_help_passed_on` and `__localized_reasons` (the entries of
    /// a Google body or gRPC status a `RemoteError` keeps as sent) and `__phrase` (an ErrorList
    /// 5xx's support phrase), each transparent variant
    /// asking its field and the others saying the runtime's default, so a gateway's
    /// `#[transparent] Upstream(RemoteError)` passes the error on as `RemoteError` does.
    fn passed_on(&self) -> TokenStream {
        if !self.has_transparent() {
            return TokenStream::new();
        }
        let private = &self.private;
        let none = quote!(::core::option::Option::None);
        let google_details = self.match_some(
            |variant| self.forward(variant, |api, field| quote!(#api::#GOOGLE_DETAILS(#field))),
            none.clone(),
        );
        let help_passed_on = self.match_some(
            |variant| {
                self.forward(
                    variant,
                    |api, field| quote!(#api::#GOOGLE_HELP_PASSED_ON(#field)),
                )
            },
            quote!(false),
        );
        let localized_reasons = self.match_some(
            |variant| {
                self.forward(
                    variant,
                    |api, field| quote!(#api::#LOCALIZED_REASONS(#field)),
                )
            },
            quote!(&[]),
        );
        let phrase = self.match_some(
            |variant| self.forward(variant, |api, field| quote!(#api::#PHRASE(#field))),
            none,
        );
        quote! {
            fn #GOOGLE_DETAILS(&self) -> ::core::option::Option<&::core::primitive::str> {
                #google_details
            }
            fn #GOOGLE_HELP_PASSED_ON(&self) -> ::core::primitive::bool {
                #help_passed_on
            }
            fn #LOCALIZED_REASONS(
                &self,
            ) -> &[::core::option::Option<(#private::String, #private::String)>] {
                #localized_reasons
            }
            fn #PHRASE(&self) -> ::core::option::Option<&::core::primitive::str> {
                #phrase
            }
        }
    }

    /// The variant's static parts: its catalog entry, found by its position. A transparent
    /// variant asks its field; in a type with a domain of its own, it hands those parts on
    /// only when they carry a domain (else the methods combine the field's with this type's).
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
                    Some(field) => {
                        let krate = &self.krate;
                        // Through `Transparent`, as every forwarding arm (`Expander::forward`).
                        let wrapped = self.wrapped(field);
                        let parts = quote!(#krate::ApiError::#STATIC_PARTS(#wrapped));
                        let parts = if has_domain {
                            quote!(#private::#PARTS_WITH_DOMAIN(#parts))
                        } else {
                            parts
                        };
                        Arm::new(vec![field], quote!(#exit #parts))
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
            let #INDEX: ::core::primitive::usize = #body;
            #private::parts_at(
                const { &#private::StaticParts::table::<#count>(<Self as #private::HasCatalog>::#TREE) },
                #INDEX,
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
                        static #DETAILS_STATIC: [#private::Detail; #count] = [#(#details),*];
                        #private::Cow::Borrowed(&#DETAILS_STATIC)
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
                                #DETAILS_VEC.push(#private::Detail::from_parts(#field, #reason, #location, #resource, #code));
                            }
                        })
                        .collect();
                    let extend = from_field.map(|field| {
                        let binding = &field.binding;
                        let ty = field.ty;
                        fields.push(field);
                        let call =
                            quote_spanned!(ty_span(ty)=> #private::details_of::<#ty>(#binding));
                        quote!(#DETAILS_VEC.extend_from_slice(#call);)
                    });
                    Arm::new(dedup(fields), quote! {
                            let mut #DETAILS_VEC = #private::Vec::with_capacity(#count);
                            #(#pushes)*
                            #extend
                            #private::Cow::Owned(#DETAILS_VEC)
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
                            #HEADERS.append(#name, const { #private::HeaderValue::from_static(#value) });
                        }
                    } else {
                        let (used, value) = self.string_from_template(variant, &header.value);
                        fields.extend(used);
                        quote!(#private::append_header(&mut #HEADERS, #name, #value);)
                    }
                })
                .collect();
            if appends.is_empty() {
                return None;
            }
            Some(Arm::new(dedup(fields), quote! {
                    let mut #HEADERS = #private::HeaderMap::new();
                    #(#appends)*
                    #HEADERS
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
        let variant = format.variant;
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
                    |api, field| quote!(#api::extensions(#field, #VISIT)),
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
                        let span = ty_span(ty);
                        // Named as `quote_spanned!` names its own tokens: spanned by the type.
                        // The field coerces to `&dyn Extension` as the argument (a cast would
                        // trip `trivial_casts`).
                        let visit = VISIT.spanned(span);
                        visits.push(quote_spanned! {span=>
                            #visit(#name, #binding);
                        });
                        fields.push(field);
                    }
                }
                (!visits.is_empty()).then(|| Arm::new(dedup(fields), quote!(#(#visits)*)))
            },
            TokenStream::new(),
        );
        quote! {
            fn extensions(&self, #VISIT: &mut dyn ::core::ops::FnMut(&::core::primitive::str, &dyn #private::Extension)) {
                #body
            }
        }
    }
}
