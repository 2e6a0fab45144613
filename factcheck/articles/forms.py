from django import forms


class ArticleSearchForm(forms.Form):
    q = forms.CharField(
        required=False,
        max_length=200,
        strip=True,
        label="Search articles",
        widget=forms.SearchInput,
    )

    def search(self) -> str:
        return self.cleaned_data["q"] if self.is_valid() else ""
